package dev.vigil.executions;

import dev.vigil.scheduling.RunLater;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The short transactions around a target run's scan: claiming it, and recording its end together
 * with the next queued run of the sliding window. A run's end writes nothing to its execution's row
 * (which every finishing run would take turns on, holding it to its commit): after the end commits,
 * a check that finds no run of the execution left queued or running locks the execution and derives
 * its status and counts ({@link #settleIfEnded}). Each transaction locks the run first and the
 * execution last. Every write after the claim names the attempt it belongs to and is dropped when
 * the run was claimed again since (its node was taken for lost), so a run that completes twice
 * records one result.
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

  /** How long a run whose server is being remediated waits before its claim is tried again. */
  static final java.time.Duration LOCKED_RETRY = java.time.Duration.ofSeconds(2);

  private final ExecutionRepository repo;
  private final ServerLocks locks;
  private final TargetRunDispatcher dispatcher;
  private final TransactionTemplate tx;
  private final ExecutionSettings settings;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  TargetRunRecorder(
      ExecutionRepository repo,
      TargetRunDispatcher dispatcher,
      TransactionTemplate tx,
      ExecutionSettings settings,
      Clock clock,
      ApplicationEventPublisher events,
      ServerLocks locks) {
    this.repo = repo;
    this.locks = locks;
    this.dispatcher = dispatcher;
    this.tx = tx;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Claims the run for a scan on {@code node}: a queued run becomes connecting (attempt 1); a run
   * still marked running — its task was revived because the node that ran it stopped — is claimed
   * again as a new attempt while node-lost retries remain, else it fails with "node lost". Empty
   * when there is nothing to scan (the run ended or was cancelled).
   */
  Optional<TargetRun> claim(long runId, String node) {
    return claim(runId, node, UnaryOperator.identity());
  }

  /**
   * As {@link #claim(long, String)}; {@code prepare} completes the claimed attempt before it is
   * written (the profile's rule count, for progress), so the claim is the attempt's one write
   * before its end. It runs inside the claim's transaction and must not throw.
   */
  Optional<TargetRun> claim(long runId, String node, UnaryOperator<TargetRun> prepare) {
    long[] ended = {0};
    TargetRun claimed = tx.execute(s -> claimLocked(runId, node, prepare, ended));
    if (ended[0] != 0) {
      settleIfEnded(ended[0]);
    }
    return Optional.ofNullable(claimed);
  }

  /** The claimed attempt, or null; {@code ended[0]}: the execution of a run this claim ended. */
  private TargetRun claimLocked(
      long runId, String node, UnaryOperator<TargetRun> prepare, long[] ended) {
    TargetRun run = repo.findRunForUpdate(runId).orElse(null);
    if (run == null || run.status().ended()) {
      return null;
    }
    // the execution's status and cancel in one read
    ExecutionRepository.ClaimView execution = repo.claimView(run.executionId());
    Optional<String> cancelled = execution.cancelReason();
    if (cancelled.isPresent()) {
      // cancelled on some node after this run was handed over: it never starts (again)
      end(run.cancel(cancelled.get(), clock.instant()).log(cancelled.get()));
      ended[0] = run.executionId();
      return null;
    }
    if (run.serverId() != null) {
      Optional<Long> holder = locks.remediationHolding(run.serverId());
      if (holder.isPresent()) {
        // re-queued, not failed: the run stays as it was and its task runs again
        throw new RunLater(
            LOCKED_RETRY,
            "server "
                + run.serverName()
                + " is locked by remediation run "
                + holder.get()
                + "; target run "
                + runId
                + " waits");
      }
    }
    if (run.status() == TargetRunStatus.QUEUED) {
      TargetRun claimed = run.claim(clock.instant(), node);
      claimed = prepare.apply(claimed.log(attemptLine(claimed)));
      repo.updateRun(claimed);
      // the first claim moves the execution to running (its counts are read from its runs until
      // it ends); later claims change nothing of it
      if (execution.status() == ExecutionStatus.QUEUED) {
        repo.markRunning(run.executionId(), clock.instant());
      }
      return claimed;
    }
    String lost =
        "node lost: "
            + (run.node() == null ? "the node" : run.node())
            + " stopped while it ran attempt "
            + run.attempt();
    if (run.nodeLosses() < settings.nodeLostRetries()) {
      log.warn("target run {} retried on {}: {}", runId, node, lost);
      TargetRun again = run.retryAfterNodeLoss(lost + "; retried", node);
      again = prepare.apply(again.log(attemptLine(again) + " after " + lost));
      repo.updateRun(again);
      return again;
    }
    log.warn("target run {} failed: {}", runId, lost);
    end(run.markFailed(lost, "node_lost", clock.instant()).log(lost + "; no retries left"));
    ended[0] = run.executionId();
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
                        run -> {
                          TargetRun again = run.retry(why, current.node());
                          again = again.log(attemptLine(again) + " after " + why);
                          repo.updateRun(again);
                          return again;
                        })
                    .orElse(null)));
  }

  /**
   * Queues the run again because this node stops while {@code current} runs; false when the attempt
   * is no longer current (nothing written).
   */
  boolean handBack(TargetRun current, String why) {
    return Boolean.TRUE.equals(
        tx.execute(
            s ->
                current(current)
                    .map(
                        run -> {
                          repo.updateRun(run.handBack(why).log(why));
                          return true;
                        })
                    .orElse(false)));
  }

  private static String attemptLine(TargetRun run) {
    return "attempt " + run.attempt() + " on " + run.node();
  }

  /**
   * Records the run's end when {@code current} is still its attempt, hands over the next queued run
   * and, after the commit, ends the execution when it was its last run; returns false when the
   * attempt is stale and nothing was written.
   */
  boolean finish(TargetRun current, UnaryOperator<TargetRun> change) {
    boolean finished =
        Boolean.TRUE.equals(
            tx.execute(
                s ->
                    current(current)
                        .map(
                            run -> {
                              end(change.apply(run));
                              return true;
                            })
                        .orElse(false)));
    if (finished) {
      settleIfEnded(current.executionId());
    }
    return finished;
  }

  /**
   * Marks the run done with {@code scanId} inside the caller's transaction, which also recorded the
   * scan; the caller calls {@link #settleIfEnded} once that transaction committed.
   *
   * @throws StaleAttempt when {@code current} is no longer the run's attempt: the caller's
   *     transaction must roll back, so the scan is not recorded twice
   */
  void markDoneInCurrentTransaction(
      TargetRun current, long scanId, String line, int rulesEvaluated) {
    tx.executeWithoutResult(
        s -> {
          TargetRun run =
              current(current).orElseThrow(() -> new StaleAttempt(current.id(), current.attempt()));
          TargetRun collected = run.advance(TargetRunStatus.COLLECTING, rulesEvaluated);
          end(collected.markDone(scanId, clock.instant()).log(line));
        });
  }

  /**
   * Adds {@code line} to the output of the run while {@code current} is its attempt, such as a
   * failed connection attempt the scan tries again; nothing else of the run changes.
   */
  void note(TargetRun current, String line) {
    tx.executeWithoutResult(s -> current(current).ifPresent(run -> repo.updateRun(run.log(line))));
  }

  /** Writes the step and rule count of a running attempt; false when the attempt is stale. */
  boolean progress(TargetRun moved) {
    return repo.updateProgress(moved);
  }

  /**
   * Records the execution's cancel for every node to see, cancels its queued runs and returns the
   * ids of its active ones (their nodes stop them). Queued runs first, the execution's row last.
   *
   * @throws ConflictException when the execution has ended
   */
  List<Long> cancel(long executionId, String reason) {
    return tx.execute(
        s -> {
          JobExecution e =
              repo.find(executionId)
                  .orElseThrow(() -> new NotFoundException("job execution", executionId));
          if (e.status().ended()) {
            throw new ConflictException(
                "job execution " + executionId + " is already " + e.status().code());
          }
          repo.runsOf(executionId).stream()
              .filter(r -> r.status() == TargetRunStatus.QUEUED)
              .forEach(
                  r -> {
                    if (repo.cancelIfQueued(r.cancel(reason, clock.instant()))) {
                      events.publishEvent(
                          new TargetRunEnded(
                              r.id(),
                              executionId,
                              r.serverId(),
                              TargetRunStatus.CANCELLED.code(),
                              false,
                              null,
                              null));
                    }
                  });
          repo.requestCancel(executionId, reason, clock.instant());
          repo.findForUpdate(executionId).ifPresent(this::refresh);
          // read again: a run claimed while this cancel waited for it is running now, and is killed
          return repo.runsOf(executionId).stream()
              .filter(r -> r.status().active())
              .map(TargetRun::id)
              .toList();
        });
  }

  /**
   * Ends the execution when none of its runs is left queued or running, called after a commit that
   * ended one of them. Of runs ending at once, the one whose end commits last sees every other's in
   * its check, so the execution ends without its row being locked by every finish. A check that
   * fails (or a node that dies before it) leaves the end to the periodic reconciliation ({@link
   * ExecutionRecovery}): logged, never thrown, since the run's end is already recorded.
   */
  void settleIfEnded(long executionId) {
    try {
      if (!repo.hasUnfinishedRuns(executionId)) {
        settle(executionId);
      }
    } catch (RuntimeException e) {
      log.warn(
          "execution {}: whether its last run ended could not be read; the reconciliation ends it"
              + " ({})",
          executionId,
          e.toString());
    }
  }

  /** Ends the execution when none of its runs is left queued or running; true when it did. */
  boolean settle(long executionId) {
    return Boolean.TRUE.equals(
        tx.execute(
            s -> {
              if (repo.unfinishedRuns(executionId) > 0) {
                return false;
              }
              repo.findForUpdate(executionId).ifPresent(this::refresh);
              return true;
            }));
  }

  /**
   * Writes an ended run (its row locked by the caller) and hands over the next queued run; the
   * caller settles the execution after its commit ({@link #settleIfEnded}).
   */
  private void end(TargetRun ended) {
    long executionId = ended.executionId();
    repo.updateRun(ended);
    events.publishEvent(
        new TargetRunEnded(
            ended.id(),
            executionId,
            ended.serverId(),
            ended.status().code(),
            ended.status().failure(),
            ended.failureCode(),
            ended.duration(clock.instant())));
    dispatcher.dispatchAfter(executionId, ended.position());
  }

  /** The run, its row locked, when it is still active as {@code current}'s attempt. */
  private Optional<TargetRun> current(TargetRun current) {
    return repo.findRunForUpdate(current.id())
        .filter(run -> run.status().active() && run.attempt() == current.attempt());
  }

  private void refresh(JobExecution e) {
    if (e.status().ended()) {
      return;
    }
    List<TargetRunStatus> statuses = new ArrayList<>();
    repo.statusCounts(e.id()).forEach((s, n) -> statuses.addAll(Collections.nCopies(n, s)));
    boolean cancelled = repo.cancelReason(e.id()).isPresent();
    JobExecution derived = e.derive(statuses, clock.instant(), cancelled);
    repo.update(derived);
    if (derived.status().ended()) {
      events.publishEvent(ExecutionEnded.of(derived));
    }
  }
}
