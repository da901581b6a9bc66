package dev.vigil.schedules;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An execute schedule: a named 5-field cron expression in a time zone, shared by many jobs. */
public record ExecuteSchedule(
    long id,
    String name,
    @Nullable String description,
    String cron,
    String timezone,
    boolean enabled,
    @Nullable String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** Morpheus's visibility of every execute schedule. */
  public static final String VISIBILITY = "private";

  /** Morpheus's schedule type; the only one Vigil has. */
  public static final String TYPE = "execute";

  /** The cron expression in plain words ("At 05:00, Monday to Friday"). */
  public String cronWords() {
    return CronWords.describe(cron);
  }

  /** The parsed cron expression in the schedule's zone. */
  public CronSchedule cronSchedule() {
    return CronSchedule.of(cron, timezone);
  }

  /** A copy with the user-editable fields replaced. */
  ExecuteSchedule withDetails(
      String newName,
      @Nullable String newDescription,
      String newCron,
      String newTimezone,
      boolean newEnabled,
      Instant now) {
    return new ExecuteSchedule(
        id, newName, newDescription, newCron, newTimezone, newEnabled, createdBy, createdAt, now);
  }
}
