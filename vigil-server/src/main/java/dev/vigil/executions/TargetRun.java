package dev.vigil.executions;

import java.time.Duration;
import java.time.Instant;

/**
 * One server's scan within a job execution, owning its state machine: queued → connecting →
 * scanning → done | failed | timed out, or queued → cancelled; an illegal move throws naming the
 * current state.
 */
public record TargetRun(
    long id,
    long executionId,
    Long serverId,
    String serverName,
    int position,
    TargetRunStatus status,
    String reason,
    String failureCode,
    Long scanId,
    Instant startedAt,
    Instant finishedAt) {

  /** A new queued run of one server. */
  public static TargetRun queued(long executionId, long serverId, String serverName, int position) {
    return new TargetRun(
        0,
        executionId,
        serverId,
        serverName,
        position,
        TargetRunStatus.QUEUED,
        null,
        null,
        null,
        null,
        null);
  }

  /** Claims the queued run for a scan: it is connecting now. */
  public TargetRun claim(Instant now) {
    require("claim", TargetRunStatus.QUEUED);
    return with(TargetRunStatus.CONNECTING, null, null, null, now, null);
  }

  /** The connection is up and oscap runs. */
  public TargetRun markScanning() {
    require("mark scanning", TargetRunStatus.CONNECTING);
    return with(TargetRunStatus.SCANNING, null, null, null, startedAt, null);
  }

  /** The scan is recorded as {@code scanId}. */
  public TargetRun markDone(long scanId, Instant now) {
    requireActive("mark done");
    return with(TargetRunStatus.DONE, null, null, scanId, startedAt, now);
  }

  /** The target could not be scanned, for {@code reason} (code {@code failureCode}). */
  public TargetRun markFailed(String reason, String failureCode, Instant now) {
    requireActive("mark failed");
    return with(TargetRunStatus.FAILED, reason, failureCode, null, startedAt, now);
  }

  /** The scan ran out of time. */
  public TargetRun markTimedOut(String reason, String failureCode, Instant now) {
    requireActive("mark timed out");
    return with(TargetRunStatus.TIMED_OUT, reason, failureCode, null, startedAt, now);
  }

  /** The run will not start, or was stopped while it ran. */
  public TargetRun cancel(String reason, Instant now) {
    if (status != TargetRunStatus.QUEUED) {
      requireActive("cancel");
    }
    return with(TargetRunStatus.CANCELLED, reason, "cancelled", null, startedAt, now);
  }

  /** How long the run took or has taken so far; null before it started. */
  public Duration duration(Instant now) {
    if (startedAt == null) {
      return null;
    }
    return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
  }

  private void require(String action, TargetRunStatus expected) {
    if (status != expected) {
      throw illegal(action);
    }
  }

  private void requireActive(String action) {
    if (!status.active()) {
      throw illegal(action);
    }
  }

  private IllegalStateException illegal(String action) {
    return new IllegalStateException(
        "cannot " + action + " target run " + id + ": it is " + status.code());
  }

  private TargetRun with(
      TargetRunStatus s, String why, String code, Long scan, Instant started, Instant finished) {
    return new TargetRun(
        id, executionId, serverId, serverName, position, s, why, code, scan, started, finished);
  }
}
