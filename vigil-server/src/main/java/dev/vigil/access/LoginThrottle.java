package dev.vigil.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per (username, client address) in memory and says how long an attempt must
 * still wait: nothing for the first {@code freeFailures}, then a doubling delay, then the whole
 * window. Known and unknown usernames are counted alike; a success forgets the pair.
 */
@Component
public class LoginThrottle {

  private final LoginThrottleSettings settings;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Map<LoginAttempt, Failures> failures;

  public LoginThrottle(LoginThrottleSettings settings, Clock clock, MeterRegistry registry) {
    this.settings = settings;
    this.clock = clock;
    this.registry = registry;
    this.failures =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<LoginAttempt, Failures> eldest) {
            return size() > settings.maxTracked();
          }
        };
  }

  /**
   * How long {@code attempt} must still wait, empty when it may try now. A refusal is counted
   * ({@code vigil_login_refused_total{path}}) and checks no password.
   */
  public synchronized Optional<Duration> refusal(LoginAttempt attempt, String path) {
    Instant now = clock.instant();
    Failures f = failures.get(attempt);
    if (f == null || !now.isBefore(f.last().plus(settings.window()))) {
      failures.remove(attempt);
      return Optional.empty();
    }
    Instant allowed = f.last().plus(wait(f.count()));
    if (!now.isBefore(allowed)) {
      return Optional.empty();
    }
    Counter.builder("vigil.login.refused")
        .description("Sign-in attempts refused by the login throttle, by path (token or page)")
        .tag("path", path)
        .register(registry)
        .increment();
    return Optional.of(Duration.between(now, allowed));
  }

  /** A wrong username or password for {@code attempt}. */
  public synchronized void failed(LoginAttempt attempt) {
    Instant now = clock.instant();
    Failures f = failures.get(attempt);
    int count = f == null || !now.isBefore(f.last().plus(settings.window())) ? 1 : f.count() + 1;
    failures.put(attempt, new Failures(count, now));
  }

  /** A successful sign-in: the pair starts afresh. */
  public synchronized void succeeded(LoginAttempt attempt) {
    failures.remove(attempt);
  }

  /** Forgets every pair (tests, and an operator's reset). */
  synchronized void clear() {
    failures.clear();
  }

  private Duration wait(int count) {
    if (count < settings.freeFailures()) {
      return Duration.ZERO;
    }
    if (count >= settings.lockAfter()) {
      return settings.window();
    }
    int doublings = Math.min(count - settings.freeFailures(), 30);
    Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
    return delay.compareTo(settings.window()) > 0 ? settings.window() : delay;
  }

  /** Seconds for a {@code Retry-After} header: whole seconds, at least one. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private record Failures(int count, Instant last) {}
}
