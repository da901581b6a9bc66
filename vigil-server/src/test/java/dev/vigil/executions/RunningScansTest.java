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
