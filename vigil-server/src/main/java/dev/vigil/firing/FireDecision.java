package dev.vigil.firing;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.ScheduleMode;
import dev.vigil.schedules.ExecuteSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to do about one job at one moment, decided from the job, its execute schedule and its mark:
 * wait, swallow the fires due (the job or its schedule is disabled: they pass unfired, so enabling
 * again fires no backlog) or fire once for every fire due since the mark (missed fires coalesce).
 *
 * @param action wait, swallow or fire
 * @param mark the job's mark after this decision
 * @param markChanged true when {@code mark} differs from the stored one (or none was stored)
 * @param scheduledFor the latest fire time due (swallow and fire only)
 * @param firstDue the earliest fire time due (swallow and fire only)
 */
record FireDecision(
    Action action,
    @Nullable FireMark mark,
    boolean markChanged,
    @Nullable Instant scheduledFor,
    @Nullable Instant firstDue) {

  enum Action {
    WAIT,
    SWALLOW,
    FIRE
  }

  /**
   * Windows searched backwards from now for the latest fire due; a cron fires once a minute at
   * most.
   */
  private static final List<Duration> WINDOWS =
      List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(32), Duration.ofDays(400));

  private static final int MAX_PER_WINDOW = 1_000_000;

  /**
   * Decides for {@code job} (with its execute schedule, null when it has none or it is gone) given
   * its stored mark (null when none) at {@code now}.
   */
  static FireDecision decide(
      Job job, @Nullable ExecuteSchedule given, @Nullable FireMark stored, Instant now) {
    ExecuteSchedule schedule = job.scheduleMode() == ScheduleMode.SCHEDULE ? given : null;
    FireKey key = FireKey.of(job, schedule);
    if (job.scheduleMode() == ScheduleMode.MANUAL) {
      return new FireDecision(Action.WAIT, stored, false, null, null);
    }
    Instant from = start(job, schedule, key, stored, now);
    Instant first = key.next(from).filter(t -> !t.isAfter(now)).orElse(null);
    if (first == null) {
      FireMark mark = new FireMark(job.id(), key, from);
      return new FireDecision(Action.WAIT, mark, !mark.equals(stored), null, null);
    }
    boolean off = !job.enabled() || (schedule != null && !schedule.enabled());
    return new FireDecision(
        off ? Action.SWALLOW : Action.FIRE,
        new FireMark(job.id(), key, now),
        true,
        latest(key, first, now),
        first);
  }

  /** True when the stored mark must change or a fire is due: worth a transaction. */
  boolean needed() {
    return markChanged || action != Action.WAIT;
  }

  /**
   * Where the job's fires start being counted: its mark; a job seen for the first time starts at
   * its last change (it became timed then); a job whose key changed starts at the latest change of
   * the job or its schedule, never before its mark, never after now.
   */
  private static Instant start(
      Job job,
      @Nullable ExecuteSchedule schedule,
      FireKey key,
      @Nullable FireMark stored,
      Instant now) {
    Instant from;
    if (stored == null) {
      from = job.updatedAt();
    } else if (stored.key().equals(key)) {
      return stored.handledThrough();
    } else {
      from = later(job.updatedAt(), schedule == null ? null : schedule.updatedAt());
      from = later(from, stored.handledThrough());
    }
    return from.isAfter(now) ? now : from;
  }

  private static Instant latest(FireKey key, Instant first, Instant now) {
    for (Duration window : WINDOWS) {
      Instant after = later(first, now.minus(window));
      List<Instant> due = key.between(after, now, MAX_PER_WINDOW);
      if (!due.isEmpty()) {
        return due.get(due.size() - 1);
      }
    }
    List<Instant> due = key.between(first, now, MAX_PER_WINDOW);
    return due.isEmpty() ? first : due.get(due.size() - 1);
  }

  private static Instant later(Instant a, @Nullable Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }
}
