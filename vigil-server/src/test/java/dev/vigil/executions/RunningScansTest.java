package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunningScansTest {

  private final RunningScans running = new RunningScans();

  @Test
  void showsTheStepOfARegisteredScanAndCancelsIt() {
    var control = running.register(5);
    assertThat(running.step(5)).contains("pending");
    assertThat(running.step(6)).isEmpty();
    running.cancel(List.of(5L, 6L));
    assertThat(control.cancelled()).isTrue();
    running.remove(5);
    assertThat(running.step(5)).isEmpty();
  }
}
