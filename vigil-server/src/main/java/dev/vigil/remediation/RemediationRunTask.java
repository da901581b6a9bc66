package dev.vigil.remediation;

import dev.vigil.executions.ServerLocks;
import dev.vigil.scheduling.NodeIdentity;
import dev.vigil.scheduling.TaskHandler;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an approved remediation run, one server after the other ({@link TargetRemediation}), and
 * ends it: complete when every server was fixed and re-scanned, cancelled when cancelled, else
 * failed. A run found already running (its node stopped mid-run) is failed, never run again: a
 * half-run script is not repeated without a person looking at it.
 */
@Component
class RemediationRunTask implements TaskHandler {

  static final String NAME = "remediation-run";
  private static final Logger log = LoggerFactory.getLogger(RemediationRunTask.class);

  private final RemediationRepository repo;
  private final TargetRemediation targets;
  private final ServerLocks locks;
  private final NodeIdentity node;
  private final TransactionTemplate tx;
  private final Clock clock;

  RemediationRunTask(
      RemediationRepository repo,
      TargetRemediation targets,
      ServerLocks locks,
      NodeIdentity node,
      TransactionTemplate tx,
      Clock clock) {
    this.repo = repo;
    this.targets = targets;
    this.locks = locks;
    this.node = node;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public String taskName() {
    return NAME;
  }

  @Override
  public void execute(String instanceId) {
    long id = Long.parseLong(instanceId);
    Optional<RemediationRun> started = tx.execute(s -> start(id));
    if (started == null || started.isEmpty()) {
      return;
    }
    RemediationRun run = started.get();
    try {
      for (RemediationTarget t : repo.targets(id)) {
        if (cancelRequested(id)) {
          targets.end(t, TargetStatus.CANCELLED, "cancelled before it ran");
        } else if (!t.status().ended()) {
          targets.remediate(run, t);
        }
      }
    } catch (RuntimeException e) {
      log.error("remediation run {} failed unexpectedly", id, e);
      event(id, "failed", "internal error: " + e.getMessage());
    } finally {
      locks.unlockAll(id);
      finish(id);
    }
  }

  private Optional<RemediationRun> start(long id) {
    RemediationRun run = repo.findForUpdate(id).orElse(null);
    if (run == null || run.status().ended()) {
      return Optional.empty();
    }
    if (run.status() == RunStatus.RUNNING) {
      String why = "the node running it stopped; a half-run remediation is not run again";
      repo.update(run.finish(RunStatus.FAILED, clock.instant()));
      repo.event(id, clock.instant(), null, "failed", why);
      locks.unlockAll(id);
      return Optional.empty();
    }
    RemediationRun started = run.start(clock.instant());
    repo.update(started);
    repo.event(id, clock.instant(), null, "started", "on node " + node.name());
    return Optional.of(started);
  }

  private void finish(long id) {
    tx.executeWithoutResult(
        s -> {
          RemediationRun run = repo.findForUpdate(id).orElseThrow();
          List<RemediationTarget> all = repo.targets(id);
          for (RemediationTarget t : all) {
            if (!t.status().ended()) {
              repo.updateTarget(
                  t.with(TargetStatus.FAILED, "the run ended first", clock.instant()));
            }
          }
          boolean allDone =
              repo.targets(id).stream().allMatch(t -> t.status() == TargetStatus.DONE);
          RunStatus end =
              run.cancelRequested()
                  ? RunStatus.CANCELLED
                  : allDone ? RunStatus.COMPLETE : RunStatus.FAILED;
          repo.update(run.finish(end, clock.instant()));
          repo.event(id, clock.instant(), null, end.code(), null);
        });
  }

  private boolean cancelRequested(long id) {
    return repo.find(id).map(RemediationRun::cancelRequested).orElse(true);
  }

  private void event(long id, String action, @Nullable String detail) {
    repo.event(id, clock.instant(), null, action, detail);
  }
}
