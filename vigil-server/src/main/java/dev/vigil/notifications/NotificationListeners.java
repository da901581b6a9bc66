package dev.vigil.notifications;

import dev.vigil.executions.ExecutionEnded;
import dev.vigil.executions.ExecutionStatus;
import dev.vigil.executions.TargetRunEnded;
import dev.vigil.results.ScanRecorded;
import dev.vigil.scheduling.TaskQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where notifications start: listeners of the application events other features publish inside
 * their transactions, run after those commit ({@link TransactionalEventListener}, phase {@code
 * AFTER_COMMIT}), each in a new short transaction of its own. They only queue work (a {@code
 * compliance-watch} task, delivery rows and tasks), so the thread that recorded a scan or ended a
 * run never waits for a receiver; a failure here is logged and left to the sweep.
 */
@Component
class NotificationListeners {

  private static final Logger log = LoggerFactory.getLogger(NotificationListeners.class);

  private final TaskQueue tasks;
  private final Notifier notifier;
  private final WaiverWatch waivers;
  private final TransactionTemplate requiresNew;

  NotificationListeners(
      TaskQueue tasks,
      Notifier notifier,
      WaiverWatch waivers,
      PlatformTransactionManager transactions) {
    this.tasks = tasks;
    this.notifier = notifier;
    this.waivers = waivers;
    this.requiresNew = new TransactionTemplate(transactions);
    this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A scan was recorded: its server's pairs are checked by a task. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void scanRecorded(ScanRecorded e) {
    if (e.serverId() != null) {
      check(e.serverId(), "scan" + e.scanId());
    }
  }

  /** A run failed or timed out: its pair may be in error now. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void runEnded(TargetRunEnded e) {
    if (e.failure() && e.serverId() != null) {
      check(e.serverId(), "run" + e.runId());
    }
  }

  /** An execution ended: {@code execution.failed} when it failed. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void executionEnded(ExecutionEnded e) {
    if (!ExecutionStatus.FAILED.code().equals(e.status())) {
      return;
    }
    inNewTransaction(
        "execution.failed of execution " + e.executionId(),
        () -> notifier.publish(NotificationEvent.EXECUTION_FAILED, payload(e)));
  }

  /** A waiver step, published by the waiver module. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void waiverStep(WaiverNotice n) {
    inNewTransaction("waiver " + n.waiverId() + " " + n.step().status(), () -> waivers.step(n));
  }

  private void check(long serverId, String what) {
    inNewTransaction(
        "compliance check of server " + serverId,
        () -> tasks.enqueue(ComplianceWatchTask.TASK, serverId + ":" + what));
  }

  private void inNewTransaction(String what, Runnable work) {
    try {
      requiresNew.executeWithoutResult(s -> work.run());
    } catch (RuntimeException ex) {
      log.warn("could not queue the notification for {}; the sweep will catch it up", what, ex);
    }
  }

  private static Payloads.ExecutionFailed payload(ExecutionEnded e) {
    return new Payloads.ExecutionFailed(
        new Payloads.JobExecution(
            e.executionId(),
            e.status(),
            e.jobId() == null && e.jobName() == null
                ? null
                : new Payloads.Ref(e.jobId(), e.jobName()),
            e.total(),
            e.done(),
            e.failed(),
            e.finishedAt() == null ? null : e.finishedAt().toString(),
            e.profileId(),
            e.packageName()));
  }
}
