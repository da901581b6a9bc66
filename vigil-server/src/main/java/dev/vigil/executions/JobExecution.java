package dev.vigil.executions;

import dev.vigil.access.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of a job over its servers, its status derived from its target runs: running while any is
 * queued or running, then failed when any failed or timed out, cancelled when any was cancelled,
 * else complete; an execution a user cancelled never ends complete (cancelled instead, even when
 * every scan finished before the cancel reached it). An ended execution changes no more.
 *
 * @param plan what it scans, pinned when it started; null for executions that ended before plans
 *     were kept
 */
public record JobExecution(
    long id,
    Long jobId,
    String jobName,
    ExecutionStatus status,
    String trigger,
    UserRef createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    int total,
    int done,
    int failed,
    ExecutionPlan plan) {

  /** A new queued execution of {@code total} target runs with its plan. */
  public static JobExecution start(
      long jobId,
      String jobName,
      String trigger,
      UserRef by,
      int total,
      ExecutionPlan plan,
      Instant now) {
    return new JobExecution(
        0, jobId, jobName, ExecutionStatus.QUEUED, trigger, by, now, null, null, total, 0, 0, plan);
  }

  /** The execution after its target runs reached {@code runs}. */
  public JobExecution derive(List<TargetRunStatus> runs, Instant now) {
    return derive(runs, now, false);
  }

  /**
   * The execution after its target runs reached {@code runs}; {@code cancelled}: a user cancelled
   * it, so it ends cancelled where it would have ended complete (a failure still outweighs it).
   */
  public JobExecution derive(List<TargetRunStatus> runs, Instant now, boolean cancelled) {
    if (status.ended()) {
      throw new IllegalStateException(
          "cannot update job execution " + id + ": it is " + status.code());
    }
    ExecutionStatus derived = derivedStatus(runs);
    ExecutionStatus next =
        cancelled && derived == ExecutionStatus.COMPLETE ? ExecutionStatus.CANCELLED : derived;
    int doneCount = (int) runs.stream().filter(s -> s == TargetRunStatus.DONE).count();
    int failedCount = (int) runs.stream().filter(TargetRunStatus::failure).count();
    Instant started = startedAt == null && next != ExecutionStatus.QUEUED ? now : startedAt;
    Instant finished = next.ended() ? now : null;
    return new JobExecution(
        id,
        jobId,
        jobName,
        next,
        trigger,
        createdBy,
        createdAt,
        started,
        finished,
        runs.size(),
        doneCount,
        failedCount,
        plan);
  }

  static ExecutionStatus derivedStatus(List<TargetRunStatus> runs) {
    if (runs.stream().allMatch(s -> s == TargetRunStatus.QUEUED)) {
      return runs.isEmpty() ? ExecutionStatus.COMPLETE : ExecutionStatus.QUEUED;
    }
    if (!runs.stream().allMatch(TargetRunStatus::ended)) {
      return ExecutionStatus.RUNNING;
    }
    if (runs.stream().anyMatch(TargetRunStatus::failure)) {
      return ExecutionStatus.FAILED;
    }
    if (runs.stream().anyMatch(s -> s == TargetRunStatus.CANCELLED)) {
      return ExecutionStatus.CANCELLED;
    }
    return ExecutionStatus.COMPLETE;
  }

  /**
   * The execution with {@code done} and {@code failed} runs so far: the counts of one not ended are
   * read from its runs, since a run's end adds nothing to the execution's row until the execution
   * ends.
   */
  JobExecution withCounts(int done, int failed) {
    return new JobExecution(
        id,
        jobId,
        jobName,
        status,
        trigger,
        createdBy,
        createdAt,
        startedAt,
        finishedAt,
        total,
        done,
        failed,
        plan);
  }

  /** How long the execution took or has taken so far; null before it started. */
  public Duration duration(Instant now) {
    if (startedAt == null) {
      return null;
    }
    return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
  }
}
