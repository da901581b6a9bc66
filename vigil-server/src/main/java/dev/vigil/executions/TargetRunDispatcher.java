package dev.vigil.executions;

import dev.vigil.scheduling.TaskQueue;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Hands queued target runs to the scheduler, each exactly once, in the caller's transaction. */
@Component
class TargetRunDispatcher {

  private final ExecutionRepository repo;
  private final TaskQueue queue;
  private final Clock clock;

  TargetRunDispatcher(ExecutionRepository repo, TaskQueue queue, Clock clock) {
    this.repo = repo;
    this.queue = queue;
    this.clock = clock;
  }

  /** Hands up to {@code n} more queued target runs of the execution to the scheduler. */
  void dispatch(long executionId, int n) {
    repo.dispatch(executionId, n, clock.instant())
        .forEach(runId -> queue.enqueue(TargetRunTask.NAME, Long.toString(runId)));
  }

  /** Hands the next queued run over as the run at {@code position} ends (its window slot). */
  void dispatchAfter(long executionId, int position) {
    repo.dispatch(executionId, 1, clock.instant(), position)
        .forEach(runId -> queue.enqueue(TargetRunTask.NAME, Long.toString(runId)));
  }
}
