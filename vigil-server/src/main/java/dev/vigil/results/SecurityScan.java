package dev.vigil.results;

import dev.vigil.scap.arf.ResultType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
    ScanOrigin origin) {

  public SecurityScan {
    counts = Map.copyOf(counts);
    origin = origin == null ? ScanOrigin.NONE : origin;
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
