package dev.vigil.scap.content;

import java.util.List;

/**
 * What one XML file of a package holds.
 *
 * @param path the file's path relative to the package root ({@code /}-separated)
 * @param kind its kind
 * @param dataStreamIds for a source datastream, the ids of its streams; otherwise empty
 * @param checklists the benchmarks it carries (one for a standalone XCCDF benchmark, one per
 *     checklist component ref for a datastream); empty for other kinds
 */
public record ContentFile(
    String path, FileKind kind, List<String> dataStreamIds, List<ChecklistInfo> checklists) {}
