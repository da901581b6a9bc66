package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff's arithmetic and which failures are tried again. */
class ConnectRetryTest {

  private final ConnectRetry retry = new ConnectRetry(3, Duration.ofSeconds(1));

  @Test
  void eachWaitDoublesWithinHalfToAllOfItAndStopsAtThirtySeconds() {
    assertThat(retry.delay(1, 0)).isEqualTo(Duration.ofMillis(500));
    assertThat(retry.delay(1, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofMillis(999));
    assertThat(retry.delay(2, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
    assertThat(retry.delay(6, 0)).isEqualTo(Duration.ofSeconds(15));
    assertThat(retry.delay(60, 0.999)).isLessThan(ConnectRetry.MAX_WAIT);
  }

  @Test
  void onlyNetworkFailuresAreTriedAgain() {
    assertThat(ConnectRetry.retryable(FailureReason.UNREACHABLE)).isTrue();
    assertThat(ConnectRetry.retryable(FailureReason.CONNECTION_TIMEOUT)).isTrue();
    assertThat(ConnectRetry.retryable(FailureReason.AUTHENTICATION_FAILED)).isFalse();
    assertThat(ConnectRetry.retryable(FailureReason.HOST_KEY_MISMATCH)).isFalse();
  }

  @Test
  void refusesNegativeRetriesAndNoBackoff() {
    assertThatThrownBy(() -> new ConnectRetry(-1, Duration.ofSeconds(1)))
        .hasMessageContaining("0 or more");
    assertThatThrownBy(() -> new ConnectRetry(1, Duration.ZERO)).hasMessageContaining("positive");
  }
}
