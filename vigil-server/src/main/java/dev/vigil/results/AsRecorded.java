package dev.vigil.results;

/**
 * What a scan recorded about what it describes, kept when those are deleted: the ids of its server,
 * package and job as they were (the scan's live links turn null on deletion), and the titles of the
 * benchmark and profile it was made with (null when the package index did not give them).
 */
public record AsRecorded(
    Long serverId, Long packageId, Long jobId, String benchmarkTitle, String profileTitle) {

  /** Nothing recorded beyond the live links. */
  public static final AsRecorded NONE = new AsRecorded(null, null, null, null, null);
}
