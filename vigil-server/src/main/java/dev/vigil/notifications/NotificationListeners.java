package dev.vigil.notifications;

import dev.vigil.executions.ExecutionEnded;
import dev.vigil.executions.ExecutionStatus;
import dev.vigil.executions.TargetRunEnded;
import dev.vigil.results.ScanRecorded;
import dev.vigil.waivers.Waiver;
import dev.vigil.waivers.WaiverChanged;
import dev.vigil.waivers.WaiverService;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where notifications start: listeners of the application events other features publish inside
 * their transactions. A recorded scan or a failed run marks its server for the compliance check in
 * that same transaction ({@link ComplianceCheckTask}); the others run after their transaction
 * committed ({@link TransactionalEventListener}, phase {@code AFTER_COMMIT}), each in a new short
 * transaction of its own. They only queue work (a mark, delivery rows and tasks), so the thread
 * that recorded a scan or ended a run never waits for a receiver; a failure after commit is logged
 * and left to the sweep.
 */
@Component
class NotificationListeners {

  private static final Logger log = LoggerFactory.getLogger(NotificationListeners.class);

  private final ComplianceWatchRepository pending;
  private final Notifier notifier;
  private final WaiverWatch waivers;
  private final WaiverService waiverService;
  private final TransactionTemplate requiresNew;
  private final TransactionTemplate nested;

  NotificationListeners(
      ComplianceWatchRepository pending,
      Notifier notifier,
      WaiverWatch waivers,
      WaiverService waiverService,
      PlatformTransactionManager transactions) {
    this.pending = pending;
    this.notifier = notifier;
    this.waivers = waivers;
    this.waiverService = waiverService;
    this.requiresNew = new TransactionTemplate(transactions);
    this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.nested = new TransactionTemplate(transactions);
    this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * A scan was recorded: its server is marked for the compliance check, in the recording's own
   * transaction (before it commits), so the mark commits with the scan or not at all.
   */
  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
  void scanRecorded(ScanRecorded e) {
    if (e.serverId() != null) {
      pending.mark(e.serverId());
    }
  }

  /** A run failed or timed out: its pair may be in error now; marked as a recorded scan is. */
  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
  void runEnded(TargetRunEnded e) {
    if (e.failure() && e.serverId() != null) {
      pending.mark(e.serverId());
    }
  }

  /**
   * An execution ended: {@code execution.failed} when it failed, queued in the transaction that
   * ends it, inside a savepoint: the notice commits with the end or not at all, so a node that dies
   * right after that commit loses no notice; a failure to queue it rolls back to the savepoint and
   * is logged, and the end still commits.
   */
  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
  void executionEnded(ExecutionEnded e) {
    if (!ExecutionStatus.FAILED.code().equals(e.status())) {
      return;
    }
    try {
      nested.executeWithoutResult(
          s -> notifier.publish(NotificationEvent.EXECUTION_FAILED, payload(e)));
    } catch (RuntimeException ex) {
      log.warn("could not queue execution.failed of execution {}", e.executionId(), ex);
    }
  }

  /**
   * A waiver step: the waiver module publishes {@link WaiverChanged} after its transaction
   * committed (so a plain {@link EventListener}); the waiver is read again for its rules and scope.
   */
  @EventListener
  void waiverChanged(WaiverChanged c) {
    inNewTransaction(
        "waiver " + c.waiverId() + " " + c.action(),
        () -> {
          Waiver w = waiverService.get(c.waiverId());
          waivers.step(notice(c, w));
        });
  }

  static WaiverNotice notice(WaiverChanged c, Waiver w) {
    return new WaiverNotice(
        WaiverNotice.Step.valueOf(c.action().toUpperCase(Locale.ROOT)),
        w.id(),
        w.name(),
        c.reason(),
        w.ticket(),
        w.expiresAt(),
        w.ruleIds(),
        w.scope().type().code(),
        w.scope().id(),
        w.scope().label(),
        w.benchmarkId(),
        w.profileId(),
        c.username(),
        c.at());
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
