package dev.vigil.firing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.executions.JobAlreadyRunning;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobFirerTest {

  @Test
  void namesTheRunningExecutionFromTheTypedConflictNotFromItsText() {
    JobAlreadyRunning busy = new JobAlreadyRunning(3, "Weekly (execution 1)", 12);
    assertThat(busy.getMessage()).contains("(execution 1)");
    assertThat(JobFirer.skippedReason(busy)).isEqualTo("previous execution 12 still running");
  }

  @Test
  void cutsAReasonTooLongToStore() {
    JobFire fire =
        JobFire.of(1, Instant.EPOCH, Instant.EPOCH, FireOutcome.FAILED, null, "x".repeat(5000));
    assertThat(fire.reason()).hasSize(JobFire.MAX_REASON);
  }
}
