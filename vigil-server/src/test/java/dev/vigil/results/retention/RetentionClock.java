package dev.vigil.results.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the retention tests move forward by hand, to age scans without waiting. It starts two
 * hours behind the real time: db-scheduler runs on the real clock, and a task the application
 * queues "now" by this clock must be due at once.
 */
final class RetentionClock extends Clock {
  private volatile Instant now = Instant.now().minus(Duration.ofHours(2));

  /** Back to two hours behind the real time. */
  void reset() {
    now = Instant.now().minus(Duration.ofHours(2));
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
