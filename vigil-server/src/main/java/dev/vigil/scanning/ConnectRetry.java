package dev.vigil.scanning;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a connection that failed for the network's sake (refused, reset, no route, timed out)
 * is tried again before the scan fails with the last reason, and the first wait: each wait doubles
 * (at most {@link #MAX_WAIT}) and is jittered to between half and all of that, so that targets
 * failed by one burst do not come back all at once. A failed login or a host key mismatch is never
 * tried again.
 *
 * @param retries attempts after the first, 0 for none
 * @param backoff the wait before the second attempt, before jitter
 */
public record ConnectRetry(int retries, Duration backoff) {

  /** No retry. */
  public static final ConnectRetry NONE = new ConnectRetry(0, Duration.ofSeconds(1));

  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  public ConnectRetry {
    Objects.requireNonNull(backoff, "backoff");
    if (retries < 0) {
      throw new IllegalArgumentException("connect retries must be 0 or more: " + retries);
    }
    if (backoff.isNegative() || backoff.isZero()) {
      throw new IllegalArgumentException("connect backoff must be positive: " + backoff);
    }
  }

  /** Whether a connection that failed for {@code reason} is tried again. */
  static boolean retryable(FailureReason reason) {
    return reason == FailureReason.UNREACHABLE || reason == FailureReason.CONNECTION_TIMEOUT;
  }

  /**
   * The wait after failed attempt {@code attempt} (1 for the first): {@code backoff × 2^(attempt -
   * 1)}, at most {@link #MAX_WAIT}, times {@code 0.5 + random / 2} for {@code random} in [0, 1).
   */
  Duration delay(int attempt, double random) {
    long base = backoff.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, MAX_WAIT.toMillis());
    return Duration.ofMillis(Math.max(1, (long) (capped * (0.5 + random / 2))));
  }
}
