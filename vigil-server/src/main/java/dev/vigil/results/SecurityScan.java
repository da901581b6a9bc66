package dev.vigil.results;

import dev.vigil.scap.arf.ResultType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One finished scan of one server: what was scanned, when, the score and the count of every XCCDF
 * result, where its ARF and HTML report are stored, and the job run that made it.
 */
public record SecurityScan(
    long id,
    Long serverId,
    String serverName,
    Long packageId,
    String packageName,
    Long packageVersionId,
    String checklistPath,
    String benchmarkId,
    String benchmarkVersion,
    String profileId,
    String testResultId,
    String status,
    boolean notApplicable,
    String summary,
    Instant startedAt,
    Instant finishedAt,
    Double score,
    Double scoreMax,
    String scoreSystem,
    Map<ResultType, Integer> counts,
    String arfSha256,
    String reportSha256,
    String oscapVersion,
    String createdBy,
    Instant createdAt,
    ScanOrigin origin,
    AsRecorded recorded) {

  public SecurityScan {
    counts = Map.copyOf(counts);
    origin = origin == null ? ScanOrigin.NONE : origin;
    recorded = recorded == null ? AsRecorded.NONE : recorded;
  }

  /**
   * This draft as its recording wrote it under {@code id}: the values written, not read back (the
   * times at the clock's precision, the job as the execution named it); {@code find} reads the
   * stored scan.
   */
  public SecurityScan recordedAs(long id) {
    return new SecurityScan(
        id,
        serverId,
        serverName,
        packageId,
        packageName,
        packageVersionId,
        checklistPath,
        benchmarkId,
        benchmarkVersion,
        profileId,
        testResultId,
        status,
        notApplicable,
        summary,
        startedAt,
        finishedAt,
        score,
        scoreMax,
        scoreSystem,
        counts,
        arfSha256,
        reportSha256,
        oscapVersion,
        createdBy,
        createdAt,
        origin,
        recorded);
  }

  /** The server's id as the scan recorded it, kept after the server is deleted. */
  public Long recordedServerId() {
    return serverId != null ? serverId : recorded.serverId();
  }

  /** The package's id as the scan recorded it, kept after the package is deleted. */
  public Long recordedPackageId() {
    return packageId != null ? packageId : recorded.packageId();
  }

  /** The job's id as the scan recorded it, kept after the job is deleted; null outside a job. */
  public Long recordedJobId() {
    return origin.jobId() != null ? origin.jobId() : recorded.jobId();
  }

  /** Whether the server this scan describes has been deleted since. */
  public boolean serverDeleted() {
    return serverId == null;
  }

  /** Whether the package this scan was made with has been deleted since. */
  public boolean packageDeleted() {
    return packageId == null;
  }

  /** Whether the job that made this scan has been deleted since (false for a scan of no job). */
  public boolean jobDeleted() {
    return origin.jobId() == null && (origin.jobName() != null || recorded.jobId() != null);
  }

  /** Whether both scans are of one server, deleted or not. */
  public boolean sameServerAs(SecurityScan other) {
    Long mine = recordedServerId();
    if (mine != null || other.recordedServerId() != null) {
      return Objects.equals(mine, other.recordedServerId());
    }
    // scans whose server was deleted before ids were recorded: only the name is left
    return Objects.equals(serverName, other.serverName());
  }

  public int count(ResultType type) {
    return counts.getOrDefault(type, 0);
  }

  /** Rules that were selected: every result but notselected. */
  public int testCount() {
    return counts.values().stream().mapToInt(Integer::intValue).sum()
        - count(ResultType.NOTSELECTED);
  }

  /** Selected rules that were checked (not notapplicable and not notchecked). */
  public int runCount() {
    return testCount() - count(ResultType.NOTAPPLICABLE) - count(ResultType.NOTCHECKED);
  }

  /** Rules that passed, fixed ones included. */
  public int passCount() {
    return count(ResultType.PASS) + count(ResultType.FIXED);
  }

  public int failCount() {
    return count(ResultType.FAIL);
  }

  /** Run rules that neither passed nor failed: error, unknown, informational. */
  public int otherCount() {
    return runCount() - passCount() - failCount();
  }

  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
