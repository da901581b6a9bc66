package dev.vigil.scheduling;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Enqueues one-time background tasks in the scheduler's table. The write joins the caller's
 * transaction, so a task is queued exactly when the aggregate that needs it is committed.
 */
@Component
public class TaskQueue {

  private final SchedulerClient client;
  private final Clock clock;

  TaskQueue(SchedulerClient schedulerClient, Clock clock) {
    this.client = schedulerClient;
    this.clock = clock;
  }

  /** Runs {@code taskName} for {@code instanceId} as soon as a scheduler thread is free. */
  public void enqueue(String taskName, String instanceId) {
    enqueueAt(taskName, instanceId, clock.instant());
  }

  /** Whether a task for {@code instanceId} is queued or running anywhere in the cluster. */
  public boolean isQueued(String taskName, String instanceId) {
    return client.getScheduledExecution(TaskInstanceId.of(taskName, instanceId)).isPresent();
  }

  /** Runs {@code taskName} for {@code instanceId} at {@code when}; a no-op when already queued. */
  public void enqueueAt(String taskName, String instanceId, Instant when) {
    client.scheduleIfNotExists(new TaskInstance<Void>(taskName, instanceId), when);
  }
}
