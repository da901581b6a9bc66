package dev.vigil.operations;

import dev.vigil.executions.ExecutionEnded;
import dev.vigil.executions.TargetConnectionFailed;
import dev.vigil.executions.TargetRunEnded;
import dev.vigil.packages.PackageFetched;
import dev.vigil.results.ScanRecorded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What Vigil counts for Prometheus ({@code /actuator/prometheus}): target runs and executions as
 * they end, by status; target-run durations; scans recorded; package fetches by outcome; SSH
 * failures by reason. It listens to the features' events after their transaction commits, so a
 * rolled-back end (a stale attempt) counts nothing; an event published outside a transaction counts
 * at once ({@code fallbackExecution}).
 */
@Component
class VigilMetrics {

  private final MeterRegistry registry;

  VigilMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void targetRunEnded(TargetRunEnded e) {
    Counter.builder("vigil.target.runs.ended")
        .description("Target runs that ended, by final status and failure code")
        .tag("status", e.status())
        .tag("failure", e.failureCode() == null ? "none" : e.failureCode())
        .register(registry)
        .increment();
    if (e.took() != null) {
      Timer.builder("vigil.target.run.duration")
          .description("Time from a target run's claim to its end")
          .tag("status", e.status())
          .publishPercentileHistogram()
          .register(registry)
          .record(e.took());
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void executionEnded(ExecutionEnded e) {
    Counter.builder("vigil.job.executions.ended")
        .description("Job executions that ended, by final status")
        .tag("status", e.status())
        .register(registry)
        .increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void scanRecorded(ScanRecorded e) {
    Counter.builder("vigil.scans.recorded")
        .description("Security scans recorded")
        .register(registry)
        .increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void packageFetched(PackageFetched e) {
    Counter.builder("vigil.package.fetches")
        .description("Security package fetches, by outcome")
        .tag("outcome", e.outcome())
        .register(registry)
        .increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void connectionFailed(TargetConnectionFailed e) {
    Counter.builder("vigil.ssh.failures")
        .description("SSH connections to targets that failed, by reason")
        .tag("reason", e.reason())
        .register(registry)
        .increment();
  }
}
