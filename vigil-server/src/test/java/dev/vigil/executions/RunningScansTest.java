package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scanning.ScanPhase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningScansTest {

  private final RunningScans running = new RunningScans();

  @Test
  void showsTheStepOfARegisteredScanAndCancelsIt() {
    var control = running.register(run(5));
    assertThat(running.step(5)).contains("pending");
    assertThat(running.step(6)).isEmpty();
    assertThat(running.isRunningHere(5)).isTrue();
    running.cancel(List.of(5L, 6L));
    assertThat(control.cancelled()).isTrue();
    running.remove(5);
    assertThat(running.step(5)).isEmpty();
    assertThat(running.isRunningHere(5)).isFalse();
  }

  @Test
  void aLifecycleStartedAgainAfterAStopTakesScansAgain() {
    // Spring's test framework stops a cached context's lifecycle while another context runs and
    // starts it again when a test reuses it: the node must not stay "stopping" (its runs would
    // stay queued for ever)
    ShutdownHandBack lifecycle = new ShutdownHandBack(running, null);
    lifecycle.start();
    assertThat(running.stopping()).isFalse();
    lifecycle.stop();
    assertThat(running.stopping()).isTrue();
    assertThat(lifecycle.isRunning()).isFalse();
    lifecycle.start();
    assertThat(running.stopping()).isFalse();
    assertThat(lifecycle.isRunning()).isTrue();
  }

  @Test
  void mapsEachScanPhaseToTheTargetRunStateItShowsAs() {
    assertThat(RunningScans.statusOf(ScanPhase.UPLOADING)).isEqualTo(TargetRunStatus.CONNECTING);
    assertThat(RunningScans.statusOf(ScanPhase.SCANNING)).isEqualTo(TargetRunStatus.SCANNING);
    assertThat(RunningScans.statusOf(ScanPhase.CLEANING_UP)).isEqualTo(TargetRunStatus.COLLECTING);
  }

  private static TargetRun run(long id) {
    return new TargetRun(
        id,
        1,
        2L,
        "web",
        0,
        TargetRunStatus.CONNECTING,
        null,
        null,
        null,
        Instant.EPOCH,
        null,
        1,
        "n",
        null,
        null,
        "attempt 1 on n",
        0);
  }
}
