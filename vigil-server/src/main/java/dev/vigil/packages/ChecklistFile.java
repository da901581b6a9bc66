package dev.vigil.packages;

import java.nio.file.Path;

/**
 * A checklist of a package's current version written out as a local file, ready to be scanned.
 *
 * @param packageId the package
 * @param packageName its name at the time
 * @param versionId the package version the file comes from
 * @param file the checklist file on local disk (inside the folder the caller gave)
 * @param sha256 sha256 of the checklist file itself (what a target caches it by)
 * @param checklist the index entry of the checklist
 */
public record ChecklistFile(
    long packageId,
    String packageName,
    long versionId,
    Path file,
    String sha256,
    Checklist checklist) {}
