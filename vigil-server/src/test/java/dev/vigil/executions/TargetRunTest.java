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
    TargetRun done = queued.claim(T0, "n1").markScanning().markDone(42, T0.plusSeconds(3));
    assertThat(done.status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(done.scanId()).isEqualTo(42);
    assertThat(done.duration(T0.plusSeconds(99))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void recordsTheReasonOfAFailureAndOfATimeout() {
    TargetRun failed = queued.claim(T0, "n1").markFailed("unreachable: refused", "unreachable", T0);
    assertThat(failed.status()).isEqualTo(TargetRunStatus.FAILED);
    assertThat(failed.reason()).isEqualTo("unreachable: refused");
    assertThat(failed.failureCode()).isEqualTo("unreachable");
    TargetRun late = queued.claim(T0, "n1").markScanning().markTimedOut("too slow", "timeout", T0);
    assertThat(late.status()).isEqualTo(TargetRunStatus.TIMED_OUT);
    assertThat(late.status().failure()).isTrue();
  }

  @Test
  void refusesToClaimARunTwiceNamingItsState() {
    TargetRun claimed = queued.claim(T0, "n1");
    assertThatThrownBy(() -> claimed.claim(T0, "n1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it is connecting");
  }

  @Test
  void refusesToFinishARunThatNeverStartedOrHasEnded() {
    assertThatThrownBy(() -> queued.markDone(1, T0)).hasMessageContaining("it is queued");
    TargetRun done = queued.claim(T0, "n1").markDone(1, T0);
    assertThatThrownBy(() -> done.markFailed("x", "y", T0)).hasMessageContaining("it is done");
    assertThatThrownBy(() -> done.cancel("x", T0)).hasMessageContaining("it is done");
  }

  @Test
  void cancelsAQueuedOrRunningRunButNotAnEndedOne() {
    TargetRun cancelled = queued.cancel("cancelled by admin", T0);
    assertThat(cancelled.status()).isEqualTo(TargetRunStatus.CANCELLED);
    assertThat(cancelled.duration(T0)).isNull();
    assertThatThrownBy(() -> cancelled.claim(T0, "n1")).hasMessageContaining("it is cancelled");
    assertThatThrownBy(() -> cancelled.cancel("again", T0)).hasMessageContaining("it is cancelled");
    TargetRun stopped = queued.claim(T0, "n1").markScanning().cancel("killed", T0.plusSeconds(1));
    assertThat(stopped.status()).isEqualTo(TargetRunStatus.CANCELLED);
    assertThat(stopped.duration(T0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void movesForwardThroughConnectingScanningCollectingButNeverBack() {
    TargetRun connecting = queued.claim(T0, "n1");
    assertThat(connecting.attempt()).isEqualTo(1);
    assertThat(connecting.node()).isEqualTo("n1");
    TargetRun scanning = connecting.advance(TargetRunStatus.SCANNING, 3);
    assertThat(scanning.status()).isEqualTo(TargetRunStatus.SCANNING);
    assertThat(scanning.rulesEvaluated()).isEqualTo(3);
    TargetRun collecting = scanning.advance(TargetRunStatus.COLLECTING, 9);
    assertThat(collecting.status()).isEqualTo(TargetRunStatus.COLLECTING);
    assertThat(collecting.status().morpheus()).isEqualTo("running");
    assertThatThrownBy(() -> collecting.advance(TargetRunStatus.SCANNING, 9))
        .hasMessageContaining("cannot move to scanning target run 0: it is collecting");
    assertThatThrownBy(() -> collecting.advance(TargetRunStatus.DONE, 9))
        .hasMessageContaining("it is collecting");
    assertThatThrownBy(() -> queued.advance(TargetRunStatus.SCANNING, 1))
        .hasMessageContaining("it is queued");
    assertThat(collecting.markDone(5, T0).status()).isEqualTo(TargetRunStatus.DONE);
  }

  @Test
  void aRunningRunIsClaimedAgainAsTheNextAttemptKeepingWhyButAnEndedOneIsNot() {
    TargetRun first = queued.claim(T0, "n1").markScanning().advance(TargetRunStatus.SCANNING, 4);
    TargetRun second = first.retry("node lost: n1 stopped", "n2");
    assertThat(second.status()).isEqualTo(TargetRunStatus.CONNECTING);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.node()).isEqualTo("n2");
    assertThat(second.reason()).isEqualTo("node lost: n1 stopped");
    assertThat(second.rulesEvaluated()).isNull();
    assertThat(second.startedAt()).isEqualTo(T0);
    TargetRun done = second.markDone(7, T0.plusSeconds(5));
    assertThatThrownBy(() -> done.retry("again", "n3")).hasMessageContaining("it is done");
    assertThatThrownBy(() -> queued.retry("x", "n3")).hasMessageContaining("it is queued");
  }

  @Test
  void keepsTheNewestOutputLinesWithinTheLimit() {
    TargetRun run = queued.log("first");
    assertThat(run.log("second").output()).isEqualTo("first\nsecond");
    String line = "x".repeat(1000);
    TargetRun long_ = run;
    for (int i = 0; i < 10; i++) {
      long_ = long_.log(i + line);
    }
    assertThat(long_.output().length()).isLessThanOrEqualTo(TargetRun.OUTPUT_LIMIT);
    assertThat(long_.output()).doesNotContain("first").endsWith("9" + line);
  }
}
