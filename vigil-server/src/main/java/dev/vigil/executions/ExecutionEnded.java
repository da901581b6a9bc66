package dev.vigil.executions;

import java.time.Instant;

/**
 * Published (a Spring application event) inside the transaction that ends a job execution;
 * listeners use {@code @TransactionalEventListener}, so they see only ends that were committed.
 *
 * @param executionId the execution
 * @param jobId its job (null when deleted)
 * @param jobName the job's name as the execution recorded it
 * @param status its final status code ({@code complete}, {@code failed}, {@code cancelled})
 * @param total target runs in all
 * @param done target runs done
 * @param failed target runs failed or timed out
 * @param finishedAt when it ended
 * @param profileId the profile of its pinned plan (null for an execution without a plan)
 * @param packageName the package of its pinned plan (null without a plan)
 */
public record ExecutionEnded(
    long executionId,
    Long jobId,
    String jobName,
    String status,
    int total,
    int done,
    int failed,
    Instant finishedAt,
    String profileId,
    String packageName) {

  static ExecutionEnded of(JobExecution e) {
    return new ExecutionEnded(
        e.id(),
        e.jobId(),
        e.jobName(),
        e.status().code(),
        e.total(),
        e.done(),
        e.failed(),
        e.finishedAt(),
        e.plan() == null ? null : e.plan().profileId(),
        e.plan() == null ? null : e.plan().packageName());
  }
}
