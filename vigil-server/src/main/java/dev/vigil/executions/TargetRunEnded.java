package dev.vigil.executions;

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
 */
public record TargetRunEnded(
    long runId, long executionId, Long serverId, String status, boolean failure) {}
