package dev.vigil.results.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application clock of the compliance tests, moved forward by hand to make scans stale. It
 * starts 30 days behind the real time, so whatever the application queues "now" by it (target runs)
 * is due at once for db-scheduler, which runs on the real clock, even after the tests moved it.
 */
final class ComplianceClock extends Clock {
  private volatile Instant now = Instant.now().minus(Duration.ofDays(30));

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
