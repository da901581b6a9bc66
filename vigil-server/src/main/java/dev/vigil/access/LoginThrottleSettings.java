package dev.vigil.access;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed sign-ins are throttled, per (username, client address), on {@code /oauth/token} and
 * the login page.
 *
 * @param freeFailures failures answered as usual before the pair is slowed
 * @param firstDelay wait imposed after the first failure beyond {@code freeFailures}; it doubles
 *     with each further failure
 * @param lockAfter failures after which the pair is refused for the whole {@code window}
 * @param window how long failures are remembered after the last one (and a locked pair refused)
 * @param maxTracked pairs remembered at most; the least recently failed are forgotten first
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed; from
 *     anyone else the header is ignored
 */
@ConfigurationProperties("vigil.access.login-throttle")
public record LoginThrottleSettings(
    @DefaultValue("5") int freeFailures,
    @DefaultValue("1s") Duration firstDelay,
    @DefaultValue("10") int lockAfter,
    @DefaultValue("15m") Duration window,
    @DefaultValue("10000") int maxTracked,
    @DefaultValue List<String> trustedProxies) {

  public LoginThrottleSettings {
    if (freeFailures < 0 || lockAfter <= freeFailures) {
      throw new IllegalArgumentException(
          "vigil.access.login-throttle: lock-after must be above free-failures (>= 0)");
    }
    if (firstDelay.isNegative() || window.isNegative() || window.isZero() || maxTracked < 1) {
      throw new IllegalArgumentException(
          "vigil.access.login-throttle: delays must be positive and max-tracked at least 1");
    }
    trustedProxies = List.copyOf(trustedProxies);
  }
}
