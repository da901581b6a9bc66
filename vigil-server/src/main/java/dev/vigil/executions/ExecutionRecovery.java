package dev.vigil.executions;

import dev.vigil.scheduling.RecurringHandler;
import dev.vigil.scheduling.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reconciliation of executions, at start-up and then every {@code
 * vigil.executions.reconcile-interval} on one node of the cluster: every target run some node
 * should be working on (running, or queued and handed over) but that has no task in the scheduler
 * any more — its task was lost with a crash, or removed — gets its task back, so it is claimed
 * again (a running one as a retry or failed "node lost", a run of a cancelled execution cancelled);
 * an execution with queued runs of which none is handed over or running gets its window handed
 * over; an execution whose runs have all ended is ended. Only runs handed over or claimed longer
 * than {@code vigil.executions.reconcile-grace} ago are taken for stranded. Tasks this node itself
 * had picked before a crash are released by the scheduler's own start-up recovery.
 */
@Component
class ExecutionRecovery implements RecurringHandler {

  static final String NAME = "execution-reconcile";
  private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);

  private final ExecutionRepository repo;
  private final TaskQueue queue;
  private final TransactionTemplate tx;
  private final TargetRunDispatcher dispatcher;
  private final TargetRunRecorder recorder;
  private final ExecutionSettings settings;
  private final Clock clock;

  ExecutionRecovery(
      ExecutionRepository repo,
      TaskQueue queue,
      TransactionTemplate tx,
      TargetRunDispatcher dispatcher,
      TargetRunRecorder recorder,
      ExecutionSettings settings,
      Clock clock) {
    this.repo = repo;
    this.queue = queue;
    this.tx = tx;
    this.dispatcher = dispatcher;
    this.recorder = recorder;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String taskName() {
    return NAME;
  }

  @Override
  public Duration interval() {
    return settings.reconcileInterval();
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    run();
  }

  @Override
  public void run() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      log.error("reconciliation of executions failed; it runs again in {}", interval(), e);
    }
  }

  /** Reconciles once; returns how many runs and executions it changed. */
  int reconcile() {
    int requeued = requeueStranded();
    int dispatched = dispatchStalled();
    int ended = endSettled();
    if (requeued + dispatched + ended > 0) {
      log.warn(
          "reconciliation: {} target run(s) had lost their task and were queued again, {}"
              + " execution(s) had no run handed over and got them handed over, {} execution(s)"
              + " whose runs had all ended were ended",
          requeued,
          dispatched,
          ended);
    }
    return requeued + dispatched + ended;
  }

  /** Gives back a task to every handed-over target run past the grace without one. */
  int requeueStranded() {
    int n = 0;
    for (long runId :
        repo.handedOverRunIdsBefore(clock.instant().minus(settings.reconcileGrace()))) {
      String id = Long.toString(runId);
      if (!queue.isQueued(TargetRunTask.NAME, id)
          && safely(
              "target run", runId, () -> Boolean.TRUE.equals(tx.execute(s -> requeue(runId))))) {
        n++;
      }
    }
    return n;
  }

  /** Under the run's lock: queues its task again when it is still handed over and has none. */
  private boolean requeue(long runId) {
    String id = Long.toString(runId);
    if (!repo.lockIfHandedOver(runId) || queue.isQueued(TargetRunTask.NAME, id)) {
      return false;
    }
    log.warn("target run {} is handed over but has no task: queued again", runId);
    queue.enqueue(TargetRunTask.NAME, id);
    return true;
  }

  /** Hands over the window of every execution whose queued runs nothing would hand over. */
  private int dispatchStalled() {
    int n = 0;
    for (long executionId : repo.stalledExecutionIds()) {
      boolean done =
          safely(
              "execution",
              executionId,
              () -> {
                int window = window(executionId);
                log.warn(
                    "execution {} has queued runs but none handed over: hands over {}",
                    executionId,
                    window);
                tx.executeWithoutResult(s -> dispatcher.dispatch(executionId, window));
                return true;
              });
      n += done ? 1 : 0;
    }
    return n;
  }

  /** How many runs of the execution may be handed over at once: its plan's max parallel. */
  private int window(long executionId) {
    return repo.find(executionId).map(JobExecution::plan).map(ExecutionPlan::maxParallel).orElse(1);
  }

  private int endSettled() {
    int n = 0;
    for (long executionId : repo.settledExecutionIds()) {
      if (safely("execution", executionId, () -> recorder.settle(executionId))) {
        log.warn("execution {} had all its runs ended but was not: ended", executionId);
        n++;
      }
    }
    return n;
  }

  /** One step for one run or execution; a failure is logged and leaves the others to go on. */
  private static boolean safely(String what, long id, BooleanSupplier step) {
    try {
      return step.getAsBoolean();
    } catch (RuntimeException e) {
      log.error("reconciliation of {} {} failed; tried again next time", what, id, e);
      return false;
    }
  }
}
