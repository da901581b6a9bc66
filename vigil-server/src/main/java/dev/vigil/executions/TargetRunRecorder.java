package dev.vigil.executions;

import dev.vigil.web.ConflictException;
import dev.vigil.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The short transactions around a target run's scan: claiming it, and recording its end together
 * with its execution's counts and status and the next queued run of the sliding window. Each locks
 * the execution before the run, so concurrent runs of one execution take turns.
 */
@Component
class TargetRunRecorder {

  private final ExecutionRepository repo;
  private final TargetRunDispatcher dispatcher;
  private final TransactionTemplate tx;
  private final Clock clock;

  TargetRunRecorder(
      ExecutionRepository repo,
      TargetRunDispatcher dispatcher,
      TransactionTemplate tx,
      Clock clock) {
    this.repo = repo;
    this.dispatcher = dispatcher;
    this.tx = tx;
    this.clock = clock;
  }

  /** Moves the run from queued to connecting; empty when it is not queued (a revived duplicate). */
  Optional<TargetRun> claim(long runId) {
    return Optional.ofNullable(
        tx.execute(
            s -> {
              JobExecution e = lockExecution(runId);
              TargetRun run = e == null ? null : repo.findRunForUpdate(runId).orElse(null);
              if (run == null || run.status() != TargetRunStatus.QUEUED) {
                return null;
              }
              TargetRun claimed = run.claim(clock.instant());
              repo.updateRun(claimed);
              refresh(e);
              return claimed;
            }));
  }

  /** Records the run's end, if it is still active, and hands over the next queued run. */
  void finish(long runId, UnaryOperator<TargetRun> change) {
    tx.executeWithoutResult(
        s -> {
          JobExecution e = lockExecution(runId);
          TargetRun run = e == null ? null : repo.findRunForUpdate(runId).orElse(null);
          if (run == null || !run.status().active()) {
            return;
          }
          repo.updateRun(change.apply(run));
          refresh(e);
          dispatcher.dispatch(e.id(), 1);
        });
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
          List<TargetRun> runs = repo.runsOf(executionId);
          runs.stream()
              .filter(r -> r.status() == TargetRunStatus.QUEUED)
              .forEach(r -> repo.updateRun(r.cancel(reason, clock.instant())));
          refresh(e);
          return runs.stream().filter(r -> r.status().active()).map(TargetRun::id).toList();
        });
  }

  private JobExecution lockExecution(long runId) {
    return repo.executionOfRun(runId).flatMap(repo::findForUpdate).orElse(null);
  }

  private void refresh(JobExecution e) {
    if (e.status().ended()) {
      return;
    }
    List<TargetRunStatus> statuses = repo.runsOf(e.id()).stream().map(TargetRun::status).toList();
    repo.update(e.derive(statuses, clock.instant()));
  }
}
