package dev.vigil.schedules;

import java.util.List;

/** Implemented by features that reference execute schedules, so a schedule in use is kept. */
public interface ScheduleUsage {

  /** Human-readable names of what uses the schedule (e.g. "job nightly-scan"); empty when none. */
  List<String> usersOf(long scheduleId);
}
