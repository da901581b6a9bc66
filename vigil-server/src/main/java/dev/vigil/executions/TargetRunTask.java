package dev.vigil.executions;

import dev.vigil.results.ScanOrigin;
import dev.vigil.results.SecurityScan;
import dev.vigil.scanning.FailureReason;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanFailure;
import dev.vigil.scanning.ScanOutcome;
import dev.vigil.scheduling.NodeIdentity;
import dev.vigil.scheduling.RunLater;
import dev.vigil.scheduling.TaskHandler;
import dev.vigil.storage.InstallationId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The background scan of one target run: takes one of this node's scan slots (or goes back to the
 * queue for a moment), claims the run, scans its server with no transaction held, retries a timed
 * out scan as often as the job allows, then records done or the failure's reason and hands over the
 * next queued run of the execution. What it scans comes from the execution's plan only ({@link
 * ExecutionPlan}), so every attempt of the run scans the same. A run revived after its node died is
 * claimed again by {@link TargetRunRecorder#claim} as a new attempt or failed as "node lost".
 */
@Component
class TargetRunTask implements TaskHandler {

  static final String NAME = "target-run";
  static final Duration NO_SLOT_DELAY = Duration.ofSeconds(1);

  /** When a task whose claim or final write failed runs again (the scheduler's default: 5 min). */
  static final Duration FAILURE_RETRY = Duration.ofSeconds(10);

  /** How often an attempt that failed on a database error is tried again before the run fails. */
  static final int DATABASE_RETRIES = 2;

  private static final Logger log = LoggerFactory.getLogger(TargetRunTask.class);

  private final TargetRunRecorder recorder;
  private final PinnedExecutions executions;
  private final ServerScanService scans;
  private final RunningScans running;
  private final ScanSlots slots;
  private final NodeIdentity node;
  private final Clock clock;
  private final InstallationId installation;

  TargetRunTask(
      TargetRunRecorder recorder,
      PinnedExecutions executions,
      ServerScanService scans,
      RunningScans running,
      ScanSlots slots,
      NodeIdentity node,
      Clock clock,
      InstallationId installation) {
    this.recorder = recorder;
    this.executions = executions;
    this.scans = scans;
    this.running = running;
    this.slots = slots;
    this.node = node;
    this.clock = clock;
    this.installation = installation;
  }

  @Override
  public String taskName() {
    return NAME;
  }

  @Override
  public Duration retryAfterFailure() {
    return FAILURE_RETRY;
  }

  @Override
  public void execute(String instanceId) {
    long runId = Long.parseLong(instanceId);
    if (running.isRunningHere(runId)) {
      // revived while its scan still runs on this node: that scan records the result
      log.warn("target run {} revived while it still runs on {}; left to it", runId, node.name());
      return;
    }
    // in flight before the stopping check: a stopping node either sees this task or it sees stop
    running.enter();
    boolean slot = false;
    try {
      if (running.stopping()) {
        throw new RunLater(NO_SLOT_DELAY, node.name() + " is stopping");
      }
      if (!slots.tryTake()) {
        throw new RunLater(
            NO_SLOT_DELAY, "all " + slots.max() + " scan slots of this node are busy");
      }
      slot = true;
      recorder.claim(runId, node.name(), this::withRulesTotal).ifPresent(this::scan);
    } catch (RunLater later) {
      throw later;
    } catch (RuntimeException e) {
      // the claim, or the write of the run's end, failed: the run is left as it was, and the task
      // runs again (its claim sees the queued run, or the running one as an attempt to retry)
      log.error(
          "target run {} could not be claimed or its end recorded; its task runs again in {}",
          runId,
          FAILURE_RETRY,
          e);
      throw e;
    } finally {
      if (slot) {
        running.remove(runId);
        slots.give();
      }
      running.leave();
    }
  }

  /**
   * Scans the claimed run with its execution, run and server in the logging context: {@code
   * executionId}, {@code targetRunId}, {@code server} for structured logs, and {@code vigilContext}
   * for the text log's level column.
   */
  private void scan(TargetRun claimed) {
    try (MDC.MDCCloseable e =
            MDC.putCloseable("executionId", Long.toString(claimed.executionId()));
        MDC.MDCCloseable r = MDC.putCloseable("targetRunId", Long.toString(claimed.id()));
        MDC.MDCCloseable s = MDC.putCloseable("server", claimed.serverName());
        MDC.MDCCloseable c =
            MDC.putCloseable(
                "vigilContext",
                " [execution " + claimed.executionId() + " run " + claimed.id() + "]")) {
      scanInContext(claimed);
    }
  }

  private void scanInContext(TargetRun claimed) {
    TargetRun run = claimed;
    Retries retries = new Retries();
    while (run != null) {
      run = attempt(run, retries).orElse(null);
    }
  }

  /** The retries the attempts of one claim have used. */
  private static final class Retries {
    int timeouts;
    int databaseErrors;
  }

  /**
   * One attempt of the run: scanned and recorded, or its failure recorded; the next attempt when
   * this one is to be retried. A write of the failure that fails escapes to the scheduler.
   */
  private Optional<TargetRun> attempt(TargetRun run, Retries retries) {
    ScanControl control = running.register(run);
    control.onEvent(line -> recorder.note(run, line));
    try {
      ScanOrder order = order(run);
      scans.scan(
          order,
          control,
          (scan, outcome) ->
              recorder.markDoneInCurrentTransaction(
                  run, scan.id(), doneLine(scan, outcome), control.rulesEvaluated()));
      recorder.settleIfEnded(run.executionId());
      return Optional.empty();
    } catch (TargetRunRecorder.StaleAttempt e) {
      log.warn("{}; its result is dropped", e.getMessage());
      return Optional.empty();
    } catch (ScanFailure e) {
      // a scan stopped by the shutdown may end in any reason (a killed oscap, a closed session)
      return running.handedBack(run.id()) ? handBack(run) : scanFailed(run, e, retries);
    } catch (RunLater later) {
      throw later;
    } catch (DataAccessException | TransactionException e) {
      return running.handedBack(run.id()) ? handBack(run) : databaseFailed(run, e, retries);
    } catch (RuntimeException e) {
      if (running.handedBack(run.id())) {
        return handBack(run);
      }
      log.error(
          "execution {} target run {} ({}) failed unexpectedly",
          run.executionId(),
          run.id(),
          run.serverName(),
          e);
      String why = "internal error: " + e.getMessage();
      recorder.finish(run, r -> r.markFailed(why, "internal", clock.instant()).log(why));
      return Optional.empty();
    }
  }

  private Optional<TargetRun> scanFailed(TargetRun run, ScanFailure e, Retries retries) {
    log.info(
        "execution {} target run {} ({}) attempt {} failed: {}",
        run.executionId(),
        run.id(),
        run.serverName(),
        run.attempt(),
        e.getMessage());
    if (e.reason() == FailureReason.SCAN_TIMED_OUT && retries.timeouts < retriesOnTimeout(run)) {
      retries.timeouts++;
      String why = e.describe() + "; retry " + retries.timeouts;
      return recorder.retry(run, why);
    }
    recorder.finish(run, r -> failed(r, e).log(endLine(e)));
    return Optional.empty();
  }

  /**
   * A database error within the attempt (its reads, progress or the recording of its scan, whose
   * transaction rolled back): tried again as the next attempt, up to {@link #DATABASE_RETRIES}
   * times, then the run fails with the error.
   */
  private Optional<TargetRun> databaseFailed(TargetRun run, RuntimeException e, Retries retries) {
    String error = "database error: " + firstLine(NestedExceptionUtils.getMostSpecificCause(e));
    log.warn(
        "execution {} target run {} ({}) attempt {}: {}",
        run.executionId(),
        run.id(),
        run.serverName(),
        run.attempt(),
        error,
        e);
    if (retries.databaseErrors < DATABASE_RETRIES) {
      retries.databaseErrors++;
      return recorder.retry(run, error + "; retry " + retries.databaseErrors);
    }
    recorder.finish(run, r -> r.markFailed(error, "database", clock.instant()).log(error));
    return Optional.empty();
  }

  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /**
   * Queues the run again because this node stops, and reschedules its task for now (for any node);
   * nothing when the attempt is no longer current.
   */
  private Optional<TargetRun> handBack(TargetRun run) {
    String why =
        "handed back: "
            + node.name()
            + " stopped while it ran attempt "
            + run.attempt()
            + "; to be scanned again";
    log.info("execution {} target run {} {}", run.executionId(), run.id(), why);
    if (recorder.handBack(run, why)) {
      throw new RunLater(Duration.ZERO, why);
    }
    return Optional.empty();
  }

  /** How an attempt that failed, timed out or was cancelled ended. */
  static String endLine(ScanFailure e) {
    String how =
        switch (e.reason()) {
          case CANCELLED -> "cancelled";
          case SCAN_TIMED_OUT -> "timed out";
          default -> "failed";
        };
    return how + ": " + e.describe();
  }

  /** What a done attempt did: oscap's exit code and version, the upload, the recorded scan. */
  static String doneLine(SecurityScan scan, ScanOutcome outcome) {
    String exit =
        outcome.oscapExitCode() == 2
            ? "2 (some rules did not pass)"
            : outcome.oscapExitCode() + " (all rules passed or not applicable)";
    String upload =
        outcome.bytesUploaded() == 0
            ? "no content upload needed (cached on the target, or local)"
            : "content uploaded (" + outcome.bytesUploaded() + " bytes)";
    return "connected; "
        + upload
        + "; "
        + outcome.oscapVersion()
        + " exited "
        + exit
        + "; results collected and recorded as security scan "
        + scan.id()
        + (scan.score() == null ? "" : ", score " + scan.score());
  }

  private int retriesOnTimeout(TargetRun run) {
    ExecutionPlan plan = executions.of(run.executionId()).map(p -> p.plan()).orElse(null);
    return plan == null ? 0 : plan.retriesOnTimeout();
  }

  /**
   * The claimed attempt with its profile's rule count, read from the execution's pinned checklist
   * (cached per node) so that the claim writes it; unchanged when it is known or cannot be read
   * (the attempt's scan then fails with the reason, or reads it again).
   */
  private TargetRun withRulesTotal(TargetRun claimed) {
    if (claimed.rulesTotal() != null) {
      return claimed;
    }
    try {
      return claimed.withRulesTotal(scans.rulesTotal(plannedOrder(claimed)));
    } catch (RuntimeException e) {
      log.debug("target run {}: rule count not read at its claim: {}", claimed.id(), e.toString());
      return claimed;
    }
  }

  /** The scan of the run's server by its execution's plan, pinned when the execution started. */
  private ScanOrder order(TargetRun run) {
    ScanOrder order = plannedOrder(run);
    if (run.rulesTotal() == null) {
      Integer total = scans.rulesTotal(order);
      recorder.progress(run.withRulesTotal(total));
    }
    return order;
  }

  /**
   * The order of the run's execution plan (cached per node: it never changes within the execution).
   */
  private ScanOrder plannedOrder(TargetRun run) {
    PinnedExecutions.Pinned e =
        executions
            .of(run.executionId())
            .orElseThrow(
                () -> new IllegalStateException("execution " + run.executionId() + " is gone"));
    ExecutionPlan plan = e.plan();
    if (plan == null || run.serverId() == null) {
      throw new IllegalStateException(
          plan == null
              ? "execution " + e.executionId() + " has no plan"
              : "the server was deleted");
    }
    return new ScanOrder(
        run.serverId(),
        plan.packageId(),
        plan.packageVersionId(),
        plan.scanPath(),
        plan.profileId(),
        plan.timeout(),
        e.requestedBy(),
        "tr" + run.id() + "-" + installation.id(),
        new ScanOrigin(e.jobId(), e.jobName(), e.executionId(), run.id()),
        plan.tailoringId(),
        plan.tailoringVersion(),
        plan.packageName());
  }

  private TargetRun failed(TargetRun r, ScanFailure e) {
    String why = e.describe();
    if (e.reason() == FailureReason.CANCELLED) {
      return r.cancel(why, clock.instant());
    }
    return e.reason() == FailureReason.SCAN_TIMED_OUT
        ? r.markTimedOut(why, e.reason().code(), clock.instant())
        : r.markFailed(why, e.reason().code(), clock.instant());
  }
}
