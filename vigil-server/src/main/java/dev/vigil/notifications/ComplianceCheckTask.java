package dev.vigil.notifications;

import dev.vigil.notifications.ComplianceWatchRepository.Mark;
import dev.vigil.scheduling.RecurringHandler;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code compliance-check}, every {@code vigil.webhooks.check-interval} on one node of the cluster:
 * checks the servers marked in {@code compliance_pending} (a scan of them recorded, a run of them
 * failed; marked in that transaction, so no mark is lost to a crash), up to {@link #BATCH} at a
 * time, in one {@link ComplianceWatch#check} each, then deletes the marks it read. A crash between
 * the check and the deletion checks those servers once more, which notifies nothing twice (the
 * watch changes the notified status by compare-and-set).
 */
@Component
class ComplianceCheckTask implements RecurringHandler {

  static final String TASK = "compliance-check";

  /** Servers checked together. */
  static final int BATCH = 500;

  private static final Logger log = LoggerFactory.getLogger(ComplianceCheckTask.class);

  private final ComplianceWatch watch;
  private final ComplianceWatchRepository repo;
  private final WebhookSettings settings;
  private final TransactionTemplate tx;

  ComplianceCheckTask(
      ComplianceWatch watch,
      ComplianceWatchRepository repo,
      WebhookSettings settings,
      TransactionTemplate tx) {
    this.watch = watch;
    this.repo = repo;
    this.settings = settings;
    this.tx = tx;
  }

  @Override
  public String taskName() {
    return TASK;
  }

  @Override
  public Duration interval() {
    return settings.checkInterval();
  }

  @Override
  public void run() {
    try {
      while (checkBatch() == BATCH) {
        // a full batch: more may be waiting
      }
    } catch (RuntimeException e) {
      log.warn(
          "compliance check failed; the marked servers are checked again in {}",
          settings.checkInterval(),
          e);
    }
  }

  /** Checks one batch of marked servers; returns how many marks it handled. */
  int checkBatch() {
    List<Mark> marks = repo.marks(BATCH);
    if (marks.isEmpty()) {
      return 0;
    }
    watch.check(marks.stream().map(Mark::serverId).distinct().toList());
    tx.executeWithoutResult(s -> repo.clear(marks));
    return marks.size();
  }
}
