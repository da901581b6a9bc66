package dev.vigil.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What Vigil counts for Prometheus ({@code /actuator/prometheus}): target runs and executions as
 * they end, by status; target-run durations; scans recorded; package fetches by outcome; SSH
 * failures by reason. A count made inside a transaction is added when that transaction commits, so
 * a rolled-back end (a stale attempt) counts nothing.
 */
@Component
public class VigilMetrics {

  private final MeterRegistry registry;

  VigilMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A target run ended with {@code status}; {@code took} from its claim to its end, or null. */
  public void targetRunEnded(String status, String failureCode, Duration took) {
    afterCommit(
        () -> {
          Counter.builder("vigil.target.runs.ended")
              .description("Target runs that ended, by final status and failure code")
              .tag("status", status)
              .tag("failure", failureCode == null ? "none" : failureCode)
              .register(registry)
              .increment();
          if (took != null) {
            Timer.builder("vigil.target.run.duration")
                .description("Time from a target run's claim to its end")
                .tag("status", status)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
          }
        });
  }

  /** A job execution ended with {@code status}. */
  public void executionEnded(String status) {
    afterCommit(
        () ->
            Counter.builder("vigil.job.executions.ended")
                .description("Job executions that ended, by final status")
                .tag("status", status)
                .register(registry)
                .increment());
  }

  /** A security scan was recorded. */
  public void scanRecorded() {
    afterCommit(
        () ->
            Counter.builder("vigil.scans.recorded")
                .description("Security scans recorded")
                .register(registry)
                .increment());
  }

  /** A security package fetch ended: ready, failed (a reason the user can act on) or error. */
  public void packageFetched(String outcome) {
    afterCommit(
        () ->
            Counter.builder("vigil.package.fetches")
                .description("Security package fetches, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment());
  }

  /** A scan over SSH failed to reach or use its target, by reason. */
  public void sshFailure(String reason) {
    Counter.builder("vigil.ssh.failures")
        .description("SSH connections to targets that failed, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private static void afterCommit(Runnable count) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              count.run();
            }
          });
    } else {
      count.run();
    }
  }
}
