package dev.vigil.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move forward by hand (as the application's {@code @Primary Clock} bean), to pass
 * fire times, stale limits or retention windows without waiting for them. It starts behind the real
 * time (two hours unless told): db-scheduler runs on the real clock, and a task the application
 * queues "now" by this clock must be due at once, not when real time catches up.
 */
public final class SettableClock extends Clock {

  private final Duration initiallyBehind;
  private volatile Duration behind;
  private volatile Instant now;

  /** Two hours behind the real time. */
  public SettableClock() {
    this(Duration.ofHours(2));
  }

  /** {@code behind} the real time, e.g. 30 days for a test that moves weeks ahead. */
  public SettableClock(Duration behind) {
    this.initiallyBehind = behind;
    this.behind = behind;
    this.now = Instant.now().minus(behind);
  }

  /** Back to as far behind the real time as it started (or was last {@link #reset(Duration)}). */
  public void reset() {
    now = Instant.now().minus(behind);
  }

  /** {@code behind} the real time from now on, for a test on a clock shared with others. */
  public void reset(Duration behind) {
    this.behind = behind;
    reset();
  }

  /** As made: as far behind the real time as the constructor said (before each test class). */
  public void restart() {
    reset(initiallyBehind);
  }

  /** Moves the clock to {@code seconds} past the next whole minute. */
  public Instant nextMinutePlus(int seconds) {
    now = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60L + seconds);
    return now;
  }

  public Instant advance(Duration d) {
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
