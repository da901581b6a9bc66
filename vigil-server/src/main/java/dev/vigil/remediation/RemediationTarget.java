package dev.vigil.remediation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One server of a remediation run: the scan its failures come from, the rules its script changes,
 * the script (a blob) with the hashes checked before it runs, and how it went.
 */
public record RemediationTarget(
    long id,
    long runId,
    int position,
    @Nullable Long serverId,
    String serverName,
    long beforeScanId,
    List<String> ruleIds,
    String scriptSha256,
    String scriptHeader,
    String fixSha256,
    String contentSha256,
    TargetStatus status,
    @Nullable Integer exitCode,
    @Nullable String output,
    @Nullable String reason,
    @Nullable Long afterScanId,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {

  /** The most characters of output kept: the last ones. */
  public static final int OUTPUT_LIMIT = 20000;

  public RemediationTarget {
    ruleIds = List.copyOf(ruleIds);
  }

  public RemediationTarget with(TargetStatus s, @Nullable String why, Instant now) {
    return new RemediationTarget(
        id,
        runId,
        position,
        serverId,
        serverName,
        beforeScanId,
        ruleIds,
        scriptSha256,
        scriptHeader,
        fixSha256,
        contentSha256,
        s,
        exitCode,
        output,
        why,
        afterScanId,
        startedAt == null && s == TargetStatus.RUNNING ? now : startedAt,
        s.ended() ? now : finishedAt);
  }

  public RemediationTarget ran(@Nullable Integer exit, String out) {
    String kept =
        out == null || out.length() <= OUTPUT_LIMIT
            ? out
            : out.substring(out.length() - OUTPUT_LIMIT);
    return new RemediationTarget(
        id,
        runId,
        position,
        serverId,
        serverName,
        beforeScanId,
        ruleIds,
        scriptSha256,
        scriptHeader,
        fixSha256,
        contentSha256,
        status,
        exit,
        kept,
        reason,
        afterScanId,
        startedAt,
        finishedAt);
  }

  public RemediationTarget rescanned(long scanId) {
    return new RemediationTarget(
        id,
        runId,
        position,
        serverId,
        serverName,
        beforeScanId,
        ruleIds,
        scriptSha256,
        scriptHeader,
        fixSha256,
        contentSha256,
        status,
        exitCode,
        output,
        reason,
        scanId,
        startedAt,
        finishedAt);
  }
}
