package dev.vigil.firing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.web.ConflictException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobFirerTest {

  @Test
  void namesTheRunningExecutionFromTheConflict() {
    ConflictException busy = new ConflictException("job nightly is already running (execution 12)");
    assertThat(JobFirer.skippedReason(busy)).isEqualTo("previous execution 12 still running");
  }

  @Test
  void keepsAConflictItCannotReadAsTheReason() {
    assertThat(JobFirer.skippedReason(new ConflictException("job nightly is busy")))
        .isEqualTo("previous execution still running: job nightly is busy");
  }

  @Test
  void cutsAReasonTooLongToStore() {
    JobFire fire =
        JobFire.of(1, Instant.EPOCH, Instant.EPOCH, FireOutcome.FAILED, null, "x".repeat(5000));
    assertThat(fire.reason()).hasSize(JobFire.MAX_REASON);
  }
}
