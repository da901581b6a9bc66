package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reconciliation and cancel settings refuse values that would stop them, naming the key. */
class ExecutionSettingsTest {

  private static final Duration S = Duration.ofSeconds(1);

  @Test
  void refusesAReconcileIntervalThatIsNotPositive() {
    assertThatThrownBy(() -> new ExecutionSettings(1, S, S, Duration.ZERO, S, S, 3, S))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vigil.executions.reconcile-interval must be positive");
  }

  @Test
  void refusesANegativeReconcileGrace() {
    assertThatThrownBy(() -> new ExecutionSettings(1, S, S, S, Duration.ofSeconds(-1), S, 3, S))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vigil.executions.reconcile-grace must be 0 or more");
  }

  @Test
  void refusesACancelPollIntervalThatIsNotPositive() {
    assertThatThrownBy(() -> new ExecutionSettings(1, S, S, S, S, Duration.ofMillis(-5), 3, S))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vigil.executions.cancel-poll-interval must be positive");
  }
}
