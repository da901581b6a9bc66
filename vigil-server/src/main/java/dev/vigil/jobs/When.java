package dev.vigil.jobs;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** When a job runs: its schedule mode with the schedule id or the date-time it names. */
record When(ScheduleMode mode, @Nullable Long scheduleId, @Nullable Instant dateTime) {

  /**
   * Reads scheduleMode and dateTime over the saved job; a date-time sent without a mode means mode
   * dateTime; nothing sent on a new job means manual.
   */
  static When of(JobInput in, @Nullable Job current, JobFields f, Map<String, String> errors) {
    String text = in.scheduleMode() == null ? null : JobDraft.blank(in.scheduleMode());
    if (text == null) {
      text =
          in.dateTime() != null && JobDraft.blank(in.dateTime()) != null
              ? "dateTime"
              : current == null ? "manual" : current.scheduleModeCode();
    }
    ScheduleMode mode = f.scheduleMode(text);
    if (mode == ScheduleMode.SCHEDULE) {
      return new When(mode, Long.parseLong(text), null);
    }
    if (mode != ScheduleMode.DATE_TIME) {
      return new When(mode == null ? ScheduleMode.MANUAL : mode, null, null);
    }
    String sent = in.dateTime() == null ? null : JobDraft.blank(in.dateTime());
    if (sent == null && current != null && current.dateTime() != null) {
      return new When(mode, null, current.dateTime());
    }
    if (sent == null) {
      errors.putIfAbsent("dateTime", "is required when scheduleMode is dateTime");
      return new When(mode, null, null);
    }
    return new When(mode, null, f.dateTime(sent));
  }
}
