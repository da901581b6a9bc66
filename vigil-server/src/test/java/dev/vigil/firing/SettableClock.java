package dev.vigil.firing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move forward by hand, to pass fire times without waiting for them. It starts two
 * hours behind the real time: db-scheduler runs on the real clock, and a task the application
 * queues "now" by this clock must be due at once, not when real time catches up.
 */
final class SettableClock extends Clock {
  private volatile Instant now = Instant.now().minus(Duration.ofHours(2));

  /** Moves the clock to {@code seconds} past the next whole minute. */
  Instant nextMinutePlus(int seconds) {
    now = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60L + seconds);
    return now;
  }

  Instant advance(Duration d) {
    now = now.plus(d);
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
