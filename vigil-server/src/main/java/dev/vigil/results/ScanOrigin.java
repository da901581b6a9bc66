package dev.vigil.results;

/**
 * Where a scan came from: the job, its execution and the target run that made it, all null for a
 * scan made outside any job. The job's name is kept as it was, since the job may be deleted since.
 */
public record ScanOrigin(Long jobId, String jobName, Long executionId, Long targetRunId) {

  /** A scan made outside any job. */
  public static final ScanOrigin NONE = new ScanOrigin(null, null, null, null);
}
