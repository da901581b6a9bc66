package dev.vigil.executions;

import dev.vigil.scheduling.TaskQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Start-up reconciliation: every target run that some node should be working on (running, or queued
 * and handed over) but has no task in the scheduler any more — its task was lost with a crash —
 * gets its task back, so it is claimed again (a running one as a retry or "node lost") and no
 * execution stays running for ever. Tasks this node itself had picked before a crash are released
 * by the scheduler's own start-up recovery.
 */
@Component
class ExecutionRecovery {

  private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);

  private final ExecutionRepository repo;
  private final TaskQueue queue;
  private final TransactionTemplate tx;

  ExecutionRecovery(ExecutionRepository repo, TaskQueue queue, TransactionTemplate tx) {
    this.repo = repo;
    this.queue = queue;
    this.tx = tx;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    int n = reconcile();
    if (n > 0) {
      log.warn("{} target run(s) had lost their task and were queued again", n);
    }
  }

  /** Gives back a task to every handed-over target run without one; returns how many. */
  int reconcile() {
    int n = 0;
    for (long runId : repo.handedOverRunIds()) {
      String id = Long.toString(runId);
      if (!queue.isQueued(TargetRunTask.NAME, id)) {
        tx.executeWithoutResult(s -> queue.enqueue(TargetRunTask.NAME, id));
        n++;
      }
    }
    return n;
  }
}
