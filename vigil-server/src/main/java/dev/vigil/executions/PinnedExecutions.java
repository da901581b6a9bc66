package dev.vigil.executions;

import dev.vigil.access.UserRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What never changes within an execution, cached per node so that a target run's claim and scan
 * read it once per execution, not once per run: its plan (pinned when it started), its job's name
 * as it started and who started it. The job's id is not kept: a job deleted while its execution
 * runs is no longer referenced, so a scan names the job the execution has as it is recorded. The
 * last {@link #SIZE} executions are kept.
 */
@Component
class PinnedExecutions {

  static final int SIZE = 64;

  /** The unchanging part of an execution. */
  record Pinned(
      long executionId, Long jobId, String jobName, UserRef createdBy, ExecutionPlan plan) {

    /** Who the scans of the execution are recorded as requested by. */
    String requestedBy() {
      return createdBy == null ? "job " + jobName : createdBy.username();
    }
  }

  private final ExecutionRepository repo;

  private final Map<Long, Pinned> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pinned> eldest) {
          return size() > SIZE;
        }
      };

  PinnedExecutions(ExecutionRepository repo) {
    this.repo = repo;
  }

  /**
   * The execution's pinned part; empty when the execution is gone. An execution without a plan
   * (never the case once started: plans are backfilled) is read again each time.
   */
  Optional<Pinned> of(long executionId) {
    synchronized (cache) {
      Pinned p = cache.get(executionId);
      if (p != null) {
        return Optional.of(p);
      }
    }
    Optional<Pinned> read =
        repo.find(executionId)
            .map(e -> new Pinned(e.id(), e.jobId(), e.jobName(), e.createdBy(), e.plan()));
    read.filter(p -> p.plan() != null)
        .ifPresent(
            p -> {
              synchronized (cache) {
                cache.put(executionId, p);
              }
            });
    return read;
  }
}
