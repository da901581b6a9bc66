package dev.vigil.jobs;

import org.jspecify.annotations.Nullable;

/** How a job is started: by hand, once at a date and time, or by an execute schedule. */
public enum ScheduleMode {
  MANUAL,
  DATE_TIME,
  SCHEDULE;

  /** Morpheus's value: {@code manual}, {@code dateTime}, or the schedule id as a string. */
  String code(@Nullable Long scheduleId) {
    return switch (this) {
      case MANUAL -> "manual";
      case DATE_TIME -> "dateTime";
      case SCHEDULE -> String.valueOf(scheduleId);
    };
  }
}
