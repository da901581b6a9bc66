package dev.vigil.packages;

import dev.vigil.scap.content.ProfileInfo;
import java.util.List;

/**
 * A scannable benchmark inside a package version: a file path plus, for a datastream, the stream
 * and checklist component it is in; with its profiles and their rule counts.
 */
public record Checklist(
    long id,
    String path,
    String kind,
    String dataStreamId,
    String componentRefId,
    String benchmarkId,
    String benchmarkVersion,
    String title,
    List<String> platforms,
    int ruleCount,
    int defaultRuleCount,
    List<ProfileInfo> profiles) {}
