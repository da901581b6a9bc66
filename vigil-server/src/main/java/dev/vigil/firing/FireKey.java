package dev.vigil.firing;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.ScheduleMode;
import dev.vigil.schedules.CronSchedule;
import dev.vigil.schedules.ExecuteSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a job's fire times follow: its schedule mode and date-time, or its execute schedule's cron
 * and zone. A mark is only good for the key it was made under: when the key changes the job starts
 * afresh, so editing a schedule fires no backlog.
 */
record FireKey(
    ScheduleMode mode,
    @Nullable Long scheduleId,
    @Nullable Instant dateTime,
    @Nullable String cron,
    @Nullable String timezone) {

  static FireKey of(Job job, @Nullable ExecuteSchedule schedule) {
    boolean onSchedule = job.scheduleMode() == ScheduleMode.SCHEDULE;
    return new FireKey(
        job.scheduleMode(),
        onSchedule ? job.scheduleId() : null,
        job.scheduleMode() == ScheduleMode.DATE_TIME ? job.dateTime() : null,
        onSchedule && schedule != null ? schedule.cron() : null,
        onSchedule && schedule != null ? schedule.timezone() : null);
  }

  /** The first fire time strictly after {@code after}; empty when none lies ahead. */
  Optional<Instant> next(Instant after) {
    return stepper().apply(after);
  }

  /**
   * The fire times in {@code (after, until]}, at most {@code max} of them from the start. A 5-field
   * cron fires at most once a minute, so callers can bound {@code after} to bound the work.
   */
  List<Instant> between(Instant after, Instant until, int max) {
    Function<Instant, Optional<Instant>> step = stepper();
    List<Instant> out = new ArrayList<>();
    Optional<Instant> next = step.apply(after);
    while (next.isPresent() && !next.get().isAfter(until) && out.size() < max) {
      out.add(next.get());
      next = step.apply(next.get());
    }
    return out;
  }

  private Function<Instant, Optional<Instant>> stepper() {
    if (mode == ScheduleMode.SCHEDULE && cron != null) {
      CronSchedule schedule = CronSchedule.of(cron, timezone);
      return schedule::next;
    }
    if (mode == ScheduleMode.DATE_TIME && dateTime != null) {
      return after -> Optional.of(dateTime).filter(t -> t.isAfter(after));
    }
    return after -> Optional.empty();
  }
}
