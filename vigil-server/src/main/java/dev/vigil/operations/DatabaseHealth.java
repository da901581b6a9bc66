package dev.vigil.operations;

import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "db" (in place of Spring's read-only check, turned off with
 * {@code management.health.db.enabled=false}): UP while {@link DatabaseProbe}'s last write
 * succeeded, DOWN while the database cannot be written. Health calls never probe more often than
 * the probe's own schedule, unless its last result is older than two intervals.
 */
@Component("db")
class DatabaseHealth implements HealthIndicator {

  private final DatabaseProbe probe;
  private final DatabaseSettings settings;
  private final Clock clock;

  DatabaseHealth(DatabaseProbe probe, DatabaseSettings settings, Clock clock) {
    this.probe = probe;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Health health() {
    DatabaseProbe.ProbeResult last = probe.last();
    if (last.at().plus(settings.probeInterval().multipliedBy(2)).isBefore(clock.instant())) {
      last = probe.probe();
    }
    Health.Builder b = last.writable() ? Health.up() : Health.down();
    b.withDetail("check", "write").withDetail("checkedAt", last.at().toString());
    String error = last.error();
    if (error != null) { // not writable
      b.withDetail("error", error);
    }
    return b.build();
  }
}
