package dev.vigil.executions;

import static dev.vigil.executions.TargetRunStatus.CANCELLED;
import static dev.vigil.executions.TargetRunStatus.CONNECTING;
import static dev.vigil.executions.TargetRunStatus.DONE;
import static dev.vigil.executions.TargetRunStatus.FAILED;
import static dev.vigil.executions.TargetRunStatus.QUEUED;
import static dev.vigil.executions.TargetRunStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobExecutionTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final JobExecution fresh = JobExecution.start(7, "nightly", "api", null, 3, null, T0);

  @Test
  void staysQueuedUntilATargetRunStartsThenRuns() {
    JobExecution queued = fresh.derive(List.of(QUEUED, QUEUED, QUEUED), T0);
    assertThat(queued.status()).isEqualTo(ExecutionStatus.QUEUED);
    assertThat(queued.startedAt()).isNull();
    JobExecution running = queued.derive(List.of(CONNECTING, QUEUED, DONE), T0.plusSeconds(1));
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(running.done()).isEqualTo(1);
    assertThat(running.finishedAt()).isNull();
  }

  @Test
  void completesWhenAllTargetRunsAreDone() {
    JobExecution done = fresh.derive(List.of(DONE, DONE, DONE), T0.plusSeconds(5));
    assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETE);
    assertThat(done.done()).isEqualTo(3);
    assertThat(done.failed()).isZero();
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void failsWhenAnyTargetRunFailedOrTimedOut() {
    JobExecution failed = fresh.derive(List.of(DONE, FAILED, TIMED_OUT), T0);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.failed()).isEqualTo(2);
    assertThat(fresh.derive(List.of(DONE, CANCELLED, FAILED), T0).status())
        .isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void isCancelledWhenRunsWereCancelledAndNoneFailed() {
    assertThat(fresh.derive(List.of(DONE, CANCELLED, CANCELLED), T0).status())
        .isEqualTo(ExecutionStatus.CANCELLED);
  }

  @Test
  void aCancelledExecutionNeverEndsCompleteEvenWhenEveryScanFinishedFirst() {
    assertThat(fresh.derive(List.of(DONE, DONE, DONE), T0, true).status())
        .isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(fresh.derive(List.of(DONE, CONNECTING), T0, true).status())
        .as("still running until its last run ends")
        .isEqualTo(ExecutionStatus.RUNNING);
    assertThat(fresh.derive(List.of(DONE, FAILED), T0, true).status())
        .isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void anEndedExecutionRefusesChangesNamingItsState() {
    JobExecution done = fresh.derive(List.of(DONE, DONE, DONE), T0);
    assertThatThrownBy(() -> done.derive(List.of(DONE, DONE, DONE), T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it is complete");
  }
}
