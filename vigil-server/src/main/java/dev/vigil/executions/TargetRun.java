package dev.vigil.executions;

import java.time.Duration;
import java.time.Instant;

/**
 * One server's scan within a job execution, owning its state machine: queued → connecting →
 * scanning → collecting → done | failed | timed out, or queued → cancelled; a running run may also
 * be cancelled, and claimed again as a new attempt (a retry after a timeout, or after the node that
 * ran it was lost). An illegal move throws naming the current state.
 *
 * @param attempt how many times the run was claimed; a finish of an older attempt is ignored
 * @param node the scheduler node that claimed the run last
 * @param rulesEvaluated rules oscap has evaluated so far; null before the scan or when unknown
 * @param rulesTotal the rules the profile selects; null when unknown
 * @param output what the run's attempts did, one line per step, at most {@link #OUTPUT_LIMIT}
 *     characters (the oldest lines go first)
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
    Instant finishedAt,
    int attempt,
    String node,
    Integer rulesEvaluated,
    Integer rulesTotal,
    String output,
    int nodeLosses) {

  /** The most characters of output kept. */
  public static final int OUTPUT_LIMIT = 4000;

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
        null,
        0,
        null,
        null,
        null,
        null,
        0);
  }

  /** Claims the queued run for a scan on {@code node}: it is connecting now, attempt 1. */
  public TargetRun claim(Instant now, String node) {
    require("claim", TargetRunStatus.QUEUED);
    return copy(
        TargetRunStatus.CONNECTING, null, null, null, now, null, attempt + 1, node, null, output);
  }

  /**
   * Claims the running run again as a new attempt on {@code node}, because its last attempt ended
   * without a result ({@code why}: it timed out, or its node was lost); the reason is kept until
   * the run ends.
   */
  public TargetRun retry(String why, String node) {
    requireActive("retry");
    return copy(
        TargetRunStatus.CONNECTING,
        why,
        null,
        null,
        startedAt,
        null,
        attempt + 1,
        node,
        null,
        output);
  }

  /**
   * Gives the running run back to be claimed again, queued, because the node that ran it is
   * stopping ({@code why}); the next claim is the next attempt. The one move back to queued: its
   * scan was stopped and left nothing behind.
   */
  public TargetRun handBack(String why) {
    requireActive("hand back");
    return copy(TargetRunStatus.QUEUED, why, null, null, null, null, attempt, null, null, output);
  }

  /**
   * Claims the running run again on {@code node} because the node that ran it was lost ({@code
   * why}): the next attempt, and one more node loss.
   */
  public TargetRun retryAfterNodeLoss(String why, String node) {
    TargetRun again = retry(why, node);
    return new TargetRun(
        again.id,
        again.executionId,
        again.serverId,
        again.serverName,
        again.position,
        again.status,
        again.reason,
        again.failureCode,
        again.scanId,
        again.startedAt,
        again.finishedAt,
        again.attempt,
        again.node,
        again.rulesEvaluated,
        again.rulesTotal,
        again.output,
        nodeLosses + 1);
  }

  /** The connection is up and oscap runs. */
  public TargetRun markScanning() {
    require("mark scanning", TargetRunStatus.CONNECTING);
    return moved(TargetRunStatus.SCANNING, rulesEvaluated);
  }

  /** oscap has ended and its results are being fetched and recorded. */
  public TargetRun markCollecting() {
    if (status != TargetRunStatus.CONNECTING) {
      require("mark collecting", TargetRunStatus.SCANNING);
    }
    return moved(TargetRunStatus.COLLECTING, rulesEvaluated);
  }

  /**
   * Moves a running run forward to {@code next} (connecting → scanning → collecting) with the rules
   * evaluated so far; a move backwards or to an ended state throws.
   */
  public TargetRun advance(TargetRunStatus next, Integer evaluated) {
    requireActive("advance");
    if (!next.active() || next.ordinal() < status.ordinal()) {
      throw illegal("move to " + next.code());
    }
    return moved(next, evaluated);
  }

  /** The scan is recorded as {@code scanId}. */
  public TargetRun markDone(long scanId, Instant now) {
    requireActive("mark done");
    return ended(TargetRunStatus.DONE, null, null, scanId, now);
  }

  /** The target could not be scanned, for {@code reason} (code {@code failureCode}). */
  public TargetRun markFailed(String reason, String failureCode, Instant now) {
    requireActive("mark failed");
    return ended(TargetRunStatus.FAILED, reason, failureCode, null, now);
  }

  /** The scan ran out of time. */
  public TargetRun markTimedOut(String reason, String failureCode, Instant now) {
    requireActive("mark timed out");
    return ended(TargetRunStatus.TIMED_OUT, reason, failureCode, null, now);
  }

  /** The run will not start, or was stopped while it ran. */
  public TargetRun cancel(String reason, Instant now) {
    if (status != TargetRunStatus.QUEUED) {
      requireActive("cancel");
    }
    return ended(TargetRunStatus.CANCELLED, reason, "cancelled", null, now);
  }

  /** The same run with the profile's rule count, for progress. */
  public TargetRun withRulesTotal(Integer total) {
    return new TargetRun(
        id,
        executionId,
        serverId,
        serverName,
        position,
        status,
        reason,
        failureCode,
        scanId,
        startedAt,
        finishedAt,
        attempt,
        node,
        rulesEvaluated,
        total,
        output,
        nodeLosses);
  }

  /**
   * The same run with {@code line} added to its output, dropping the oldest lines past the limit.
   */
  public TargetRun log(String line) {
    String all = output == null || output.isEmpty() ? line : output + "\n" + line;
    while (all.length() > OUTPUT_LIMIT) {
      int cut = all.indexOf('\n');
      all = cut < 0 ? all.substring(all.length() - OUTPUT_LIMIT) : all.substring(cut + 1);
    }
    return copy(
        status,
        reason,
        failureCode,
        scanId,
        startedAt,
        finishedAt,
        attempt,
        node,
        rulesEvaluated,
        all);
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

  /** This run in another running state with a new rule count; the rest unchanged. */
  private TargetRun moved(TargetRunStatus next, Integer evaluated) {
    return copy(
        next, reason, failureCode, scanId, startedAt, finishedAt, attempt, node, evaluated, output);
  }

  /** This run ended in {@code s}; its attempt, node, progress and output kept. */
  private TargetRun ended(TargetRunStatus s, String why, String code, Long scan, Instant finished) {
    return copy(s, why, code, scan, startedAt, finished, attempt, node, rulesEvaluated, output);
  }

  /** This run (same id, execution, server, position, rule total) with the other fields given. */
  private TargetRun copy(
      TargetRunStatus s,
      String why,
      String code,
      Long scan,
      Instant started,
      Instant finished,
      int attemptNo,
      String nodeName,
      Integer evaluated,
      String out) {
    return new TargetRun(
        id,
        executionId,
        serverId,
        serverName,
        position,
        s,
        why,
        code,
        scan,
        started,
        finished,
        attemptNo,
        nodeName,
        evaluated,
        rulesTotal,
        out,
        nodeLosses);
  }
}
