package dev.vigil.scheduling;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Enqueues one-time background tasks in the scheduler's table. The write joins the caller's
 * transaction, so a task is queued exactly when the aggregate that needs it is committed.
 */
@Component
public class TaskQueue {

  private final SchedulerClient client;
  private final ObjectProvider<SchedulerConfig.SchedulerLifecycle> scheduler;
  private final Clock clock;

  TaskQueue(
      SchedulerClient schedulerClient,
      ObjectProvider<SchedulerConfig.SchedulerLifecycle> scheduler,
      Clock clock) {
    this.client = schedulerClient;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Runs {@code taskName} for {@code instanceId} as soon as a scheduler thread is free: this node's
   * scheduler looks for it right after the caller's transaction commits rather than at its next
   * poll.
   */
  public void enqueue(String taskName, String instanceId) {
    enqueueAt(taskName, instanceId, clock.instant());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wake();
            }
          });
    } else {
      wake();
    }
  }

  private void wake() {
    SchedulerConfig.SchedulerLifecycle s = scheduler.getIfAvailable();
    if (s != null) {
      s.triggerCheck();
    }
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
