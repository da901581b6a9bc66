package dev.vigil.executions;

import dev.vigil.web.ConflictException;
import dev.vigil.web.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The short transactions around a target run's scan: claiming it, and recording its end together
 * with its execution's counts and status and the next queued run of the sliding window. Each locks
 * the execution before the run, so concurrent runs of one execution take turns. Every write after
 * the claim names the attempt it belongs to and is dropped when the run was claimed again since
 * (its node was taken for lost), so a run that completes twice records one result.
 */
@Component
class TargetRunRecorder {

  private static final Logger log = LoggerFactory.getLogger(TargetRunRecorder.class);

  /**
   * Thrown inside a transaction to roll back the result of an attempt that is no longer current.
   */
  static final class StaleAttempt extends RuntimeException {
    StaleAttempt(long runId, int attempt) {
      super(
          "target run " + runId + " attempt " + attempt + " is no longer current",
          null,
          false,
          false);
    }
  }

  private final ExecutionRepository repo;
  private final TargetRunDispatcher dispatcher;
  private final TransactionTemplate tx;
  private final ExecutionSettings settings;
  private final Clock clock;

  TargetRunRecorder(
      ExecutionRepository repo,
      TargetRunDispatcher dispatcher,
      TransactionTemplate tx,
      ExecutionSettings settings,
      Clock clock) {
    this.repo = repo;
    this.dispatcher = dispatcher;
    this.tx = tx;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Claims the run for a scan on {@code node}: a queued run becomes connecting (attempt 1); a run
   * still marked running — its task was revived because the node that ran it stopped — is claimed
   * again as a new attempt while node-lost retries remain, else it fails with "node lost". Empty
   * when there is nothing to scan (the run ended or was cancelled).
   */
  Optional<TargetRun> claim(long runId, String node) {
    return Optional.ofNullable(
        tx.execute(
            s -> {
              Optional<JobExecution> running =
                  repo.executionOfRun(runId)
                      .flatMap(repo::find)
                      .filter(e -> e.status() == ExecutionStatus.RUNNING);
              Optional<TargetRun> queued =
                  repo.findRun(runId).filter(r -> r.status() == TargetRunStatus.QUEUED);
              if (running.isPresent() && queued.isPresent()) {
                // a claim of a running execution changes none of its counts: lock the run alone,
                // so the claims of one execution run side by side
                TargetRun run = repo.findRunForUpdate(runId).orElse(null);
                if (run == null || run.status() != TargetRunStatus.QUEUED) {
                  return null;
                }
                TargetRun claimed = run.claim(clock.instant(), node).log("attempt 1 on " + node);
                repo.updateRun(claimed);
                return claimed;
              }
              return claimLocked(runId, node);
            }));
  }

  /** A claim under the execution's lock: the first of an execution, or of a revived run. */
  private TargetRun claimLocked(long runId, String node) {
    JobExecution e = lockExecution(runId);
    TargetRun run = e == null ? null : repo.findRunForUpdate(runId).orElse(null);
    if (run == null || run.status().ended()) {
      return null;
    }
    if (run.status() == TargetRunStatus.QUEUED) {
      TargetRun claimed = run.claim(clock.instant(), node);
      return save(e, claimed.log("attempt 1 on " + node), false);
    }
    String lost =
        "node lost: "
            + (run.node() == null ? "the node" : run.node())
            + " stopped while it ran attempt "
            + run.attempt();
    if (run.attempt() <= settings.nodeLostRetries()) {
      log.warn("target run {} retried on {}: {}", runId, node, lost);
      TargetRun again = run.retry(lost + "; retried", node);
      return save(e, again.log(attemptLine(again) + " after " + lost), false);
    }
    log.warn("target run {} failed: {}", runId, lost);
    TargetRun failed = run.markFailed(lost, "node_lost", clock.instant());
    save(e, failed.log(lost + "; no retries left"), true);
    return null;
  }

  /**
   * Claims the run again as the next attempt of the same node after {@code current} ended without a
   * result; empty when the run moved on meanwhile (cancelled, or claimed by another node).
   */
  Optional<TargetRun> retry(TargetRun current, String why) {
    return Optional.ofNullable(
        tx.execute(
            s ->
                current(current)
                    .map(
                        p -> {
                          TargetRun again = p.run().retry(why, current.node());
                          return save(
                              p.execution(),
                              again.log(attemptLine(again) + " after " + why),
                              false);
                        })
                    .orElse(null)));
  }

  private static String attemptLine(TargetRun run) {
    return "attempt " + run.attempt() + " on " + run.node();
  }

  /**
   * Records the run's end when {@code current} is still its attempt, and hands over the next queued
   * run; returns false when the attempt is stale and nothing was written.
   */
  boolean finish(TargetRun current, UnaryOperator<TargetRun> change) {
    return Boolean.TRUE.equals(
        tx.execute(
            s ->
                current(current)
                    .map(p -> save(p.execution(), change.apply(p.run()), true) != null)
                    .orElse(false)));
  }

  /**
   * Marks the run done with {@code scanId} inside the caller's transaction, which also recorded the
   * scan.
   *
   * @throws StaleAttempt when {@code current} is no longer the run's attempt: the caller's
   *     transaction must roll back, so the scan is not recorded twice
   */
  void markDoneInCurrentTransaction(
      TargetRun current, long scanId, String line, int rulesEvaluated) {
    tx.executeWithoutResult(
        s -> {
          Pair p =
              current(current).orElseThrow(() -> new StaleAttempt(current.id(), current.attempt()));
          TargetRun collected = p.run().advance(TargetRunStatus.COLLECTING, rulesEvaluated);
          save(p.execution(), collected.markDone(scanId, clock.instant()).log(line), true);
        });
  }

  /** Writes the step and rule count of a running attempt; false when the attempt is stale. */
  boolean progress(TargetRun moved) {
    return repo.updateProgress(moved);
  }

  /**
   * Cancels the execution's queued runs and returns the ids of its active ones.
   *
   * @throws ConflictException when the execution has ended
   */
  List<Long> cancelQueued(long executionId, String reason) {
    return tx.execute(
        s -> {
          JobExecution e =
              repo.findForUpdate(executionId)
                  .orElseThrow(() -> new NotFoundException("job execution", executionId));
          if (e.status().ended()) {
            throw new ConflictException(
                "job execution " + executionId + " is already " + e.status().code());
          }
          repo.runsOf(executionId).stream()
              .filter(r -> r.status() == TargetRunStatus.QUEUED)
              .forEach(r -> repo.cancelIfQueued(r.cancel(reason, clock.instant())));
          refresh(e);
          // read again: a run claimed while this cancel waited for it is running now, and is killed
          return repo.runsOf(executionId).stream()
              .filter(r -> r.status().active())
              .map(TargetRun::id)
              .toList();
        });
  }

  private record Pair(JobExecution execution, TargetRun run) {}

  /** The locked execution and run when the run is still active as {@code current}'s attempt. */
  private Optional<Pair> current(TargetRun current) {
    JobExecution e = lockExecution(current.id());
    TargetRun run = e == null ? null : repo.findRunForUpdate(current.id()).orElse(null);
    if (run == null || !run.status().active() || run.attempt() != current.attempt()) {
      return Optional.empty();
    }
    return Optional.of(new Pair(e, run));
  }

  private TargetRun save(JobExecution e, TargetRun changed, boolean ended) {
    repo.updateRun(changed);
    refresh(e);
    if (ended) {
      dispatcher.dispatch(e.id(), 1);
    }
    return changed;
  }

  private JobExecution lockExecution(long runId) {
    return repo.executionOfRun(runId).flatMap(repo::findForUpdate).orElse(null);
  }

  private void refresh(JobExecution e) {
    if (e.status().ended()) {
      return;
    }
    List<TargetRunStatus> statuses = new ArrayList<>();
    repo.statusCounts(e.id()).forEach((s, n) -> statuses.addAll(Collections.nCopies(n, s)));
    repo.update(e.derive(statuses, clock.instant()));
  }
}
