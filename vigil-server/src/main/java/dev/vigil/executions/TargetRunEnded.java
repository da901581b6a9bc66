package dev.vigil.executions;

import java.time.Duration;

/**
 * Published (a Spring application event) inside the transaction that ends a target run; listeners
 * use {@code @TransactionalEventListener}, so a rolled-back end (a stale attempt) publishes
 * nothing.
 *
 * @param runId the target run
 * @param executionId its execution
 * @param serverId its server (null when the server was deleted)
 * @param status the run's final status code ({@code done}, {@code failed}, {@code timed_out},
 *     {@code cancelled})
 * @param failure true for {@code failed} and {@code timed_out}
 * @param failureCode the failure's code ({@code ssh_auth}, {@code timeout}...), null without one
 * @param took from the run's claim to its end, null for a run that never started
 */
public record TargetRunEnded(
    long runId,
    long executionId,
    Long serverId,
    String status,
    boolean failure,
    String failureCode,
    Duration took) {

  /** An end without a failure code or a duration. */
  public TargetRunEnded(
      long runId, long executionId, Long serverId, String status, boolean failure) {
    this(runId, executionId, serverId, status, failure, null, null);
  }
}
