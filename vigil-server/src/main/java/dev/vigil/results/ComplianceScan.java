package dev.vigil.results;

import java.time.Instant;

/**
 * The few facts of a scan that compliance needs: its benchmark and profile (ids and titles, null
 * when unknown), when it finished, its score (and maximum) and counts ({@code passCount} includes
 * fixed), whether every selected rule was notapplicable, and the job that made it.
 */
public record ComplianceScan(
    long id,
    long serverId,
    String profileId,
    String benchmarkId,
    String profileTitle,
    String benchmarkTitle,
    Instant scanDate,
    Double score,
    Double scoreMax,
    int passCount,
    int failCount,
    int errorCount,
    int unknownCount,
    int notcheckedCount,
    int notapplicableCount,
    boolean notApplicable,
    Long jobId,
    String jobName) {

  /**
   * This scan as compliance judges it once {@code waived} of its failed rules are waived: those
   * fails count as passes (a scan whose every failure is waived and that passed nothing is
   * compliant, not "not checked"). Null score stays null.
   */
  public ComplianceScan waiving(int waived) {
    if (waived <= 0) {
      return this;
    }
    return new ComplianceScan(
        id,
        serverId,
        profileId,
        benchmarkId,
        profileTitle,
        benchmarkTitle,
        scanDate,
        scoreWaiving(waived),
        scoreMax,
        passCount + waived,
        failCount - waived,
        errorCount,
        unknownCount,
        notcheckedCount,
        notapplicableCount,
        notApplicable,
        jobId,
        jobName);
  }

  /**
   * The score with {@code waived} of the {@code failCount} failures waived: oscap's score moved
   * toward the maximum by the waived share of the failures — oscap's own score when nothing is
   * waived, the maximum when every failure is, exact for the flat model with equal weights and an
   * estimate between for the default (hierarchical) model.
   */
  public Double scoreWaiving(int waived) {
    if (score == null || waived <= 0 || failCount == 0) {
      return score;
    }
    double max = scoreMax == null ? 100.0 : scoreMax;
    return score + (max - score) * Math.min(waived, failCount) / failCount;
  }
}
