package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TargetRunTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final TargetRun queued = TargetRun.queued(1, 11, "web01", 0);

  @Test
  void runsFromQueuedThroughScanningToDone() {
    TargetRun done = queued.claim(T0).markScanning().markDone(42, T0.plusSeconds(3));
    assertThat(done.status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(done.scanId()).isEqualTo(42);
    assertThat(done.duration(T0.plusSeconds(99))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void recordsTheReasonOfAFailureAndOfATimeout() {
    TargetRun failed = queued.claim(T0).markFailed("unreachable: refused", "unreachable", T0);
    assertThat(failed.status()).isEqualTo(TargetRunStatus.FAILED);
    assertThat(failed.reason()).isEqualTo("unreachable: refused");
    assertThat(failed.failureCode()).isEqualTo("unreachable");
    TargetRun late = queued.claim(T0).markScanning().markTimedOut("too slow", "timeout", T0);
    assertThat(late.status()).isEqualTo(TargetRunStatus.TIMED_OUT);
    assertThat(late.status().failure()).isTrue();
  }

  @Test
  void refusesToClaimARunTwiceNamingItsState() {
    TargetRun claimed = queued.claim(T0);
    assertThatThrownBy(() -> claimed.claim(T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it is connecting");
  }

  @Test
  void refusesToFinishARunThatNeverStartedOrHasEnded() {
    assertThatThrownBy(() -> queued.markDone(1, T0)).hasMessageContaining("it is queued");
    TargetRun done = queued.claim(T0).markDone(1, T0);
    assertThatThrownBy(() -> done.markFailed("x", "y", T0)).hasMessageContaining("it is done");
    assertThatThrownBy(() -> done.cancel("x", T0)).hasMessageContaining("it is done");
  }

  @Test
  void cancelsAQueuedOrRunningRunButNotAnEndedOne() {
    TargetRun cancelled = queued.cancel("cancelled by admin", T0);
    assertThat(cancelled.status()).isEqualTo(TargetRunStatus.CANCELLED);
    assertThat(cancelled.duration(T0)).isNull();
    assertThatThrownBy(() -> cancelled.claim(T0)).hasMessageContaining("it is cancelled");
    assertThatThrownBy(() -> cancelled.cancel("again", T0)).hasMessageContaining("it is cancelled");
    TargetRun stopped = queued.claim(T0).markScanning().cancel("killed", T0.plusSeconds(1));
    assertThat(stopped.status()).isEqualTo(TargetRunStatus.CANCELLED);
    assertThat(stopped.duration(T0)).isEqualTo(Duration.ofSeconds(1));
  }
}
