package dev.vigil.remediation;

import dev.vigil.shared.ConflictException;
import java.time.Instant;
import java.util.Objects;

/**
 * A remediation run: fixes for chosen failed rules of a scan or an execution, per server, which
 * another user approves before they run. Owns its state machine.
 *
 * @param sourceType {@code scan} or {@code execution}
 */
public record RemediationRun(
    long id,
    String sourceType,
    long sourceId,
    Long packageId,
    Long packageVersionId,
    String checklistPath,
    String benchmarkId,
    String profileId,
    RunStatus status,
    String reason,
    Actor createdBy,
    Instant createdAt,
    Actor decidedBy,
    Instant decidedAt,
    String decisionReason,
    Instant cancelRequestedAt,
    Instant startedAt,
    Instant finishedAt) {

  /** Approved by {@code by}, who is not its creator; queued to run. */
  public RemediationRun approve(Actor by, Instant now, String why) {
    requirePending("approved");
    if (by.id() == createdBy.id()) {
      throw new ConflictException(
          "remediation run "
              + id
              + " was created by "
              + createdBy.username()
              + ": nobody approves their own remediation run; another user with Security:"
              + " Remediation approve must");
    }
    return with(RunStatus.QUEUED, by, now, why, cancelRequestedAt, startedAt, finishedAt);
  }

  public RemediationRun reject(Actor by, Instant now, String why) {
    requirePending("rejected");
    return with(RunStatus.REJECTED, by, now, why, cancelRequestedAt, startedAt, now);
  }

  /** Cancelled at once before it runs; while it runs, marked for the worker to stop. */
  public RemediationRun cancel(Instant now) {
    if (status.ended()) {
      throw new ConflictException("remediation run " + id + " has ended: it is " + status.code());
    }
    if (status == RunStatus.RUNNING) {
      return with(status, decidedBy, decidedAt, decisionReason, now, startedAt, finishedAt);
    }
    return with(RunStatus.CANCELLED, decidedBy, decidedAt, decisionReason, now, startedAt, now);
  }

  public RemediationRun start(Instant now) {
    if (status != RunStatus.QUEUED) {
      throw new IllegalStateException("remediation run " + id + " is " + status.code());
    }
    return with(RunStatus.RUNNING, decidedBy, decidedAt, decisionReason, null, now, null);
  }

  public RemediationRun finish(RunStatus end, Instant now) {
    if (status != RunStatus.RUNNING || !end.ended()) {
      throw new IllegalStateException("remediation run " + id + " is " + status.code());
    }
    return with(end, decidedBy, decidedAt, decisionReason, cancelRequestedAt, startedAt, now);
  }

  public boolean cancelRequested() {
    return cancelRequestedAt != null;
  }

  private void requirePending(String what) {
    if (status != RunStatus.PENDING_APPROVAL) {
      throw new ConflictException(
          "remediation run "
              + id
              + " cannot be "
              + what
              + ": it is "
              + status.code()
              + ", not pending_approval");
    }
  }

  private RemediationRun with(
      RunStatus s,
      Actor by,
      Instant at,
      String why,
      Instant cancel,
      Instant started,
      Instant finished) {
    return new RemediationRun(
        id,
        sourceType,
        sourceId,
        packageId,
        packageVersionId,
        checklistPath,
        benchmarkId,
        profileId,
        Objects.requireNonNull(s),
        reason,
        createdBy,
        createdAt,
        by,
        at,
        why,
        cancel,
        started,
        finished);
  }
}
