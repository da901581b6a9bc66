package dev.vigil.firing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One fire of a job's date-time or execute schedule, as handled: the fire time it stands for, when
 * it was handled, the outcome, the execution it started (started only) and the reason (why it was
 * skipped or failed, or which missed fires it coalesces).
 */
public record JobFire(
    long id,
    long jobId,
    Instant scheduledFor,
    Instant handledAt,
    FireOutcome outcome,
    @Nullable Long executionId,
    @Nullable String reason) {

  /** The longest reason stored. */
  static final int MAX_REASON = 4000;

  /** A fire not saved yet; a reason too long to store is cut. */
  static JobFire of(
      long jobId,
      Instant scheduledFor,
      Instant handledAt,
      FireOutcome outcome,
      @Nullable Long executionId,
      @Nullable String reason) {
    String kept =
        reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    return new JobFire(0, jobId, scheduledFor, handledAt, outcome, executionId, kept);
  }
}
