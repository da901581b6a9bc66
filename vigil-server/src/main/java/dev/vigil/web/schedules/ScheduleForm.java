package dev.vigil.web.schedules;

import dev.vigil.schedules.CronSchedule;
import dev.vigil.schedules.ExecuteSchedule;
import dev.vigil.schedules.ScheduleInput;

/** The add/edit form's fields as the user typed them (kept on error). */
record ScheduleForm(
    String name, String description, String cron, String scheduleTimezone, Boolean enabled) {

  static ScheduleForm empty() {
    return new ScheduleForm("", "", CronSchedule.DEFAULT_CRON, CronSchedule.DEFAULT_ZONE, true);
  }

  static ScheduleForm of(ExecuteSchedule s) {
    return new ScheduleForm(
        s.name(),
        s.description() == null ? "" : s.description(),
        s.cron(),
        s.timezone(),
        s.enabled());
  }

  ScheduleInput toInput() {
    return new ScheduleInput(
        ExecuteSchedule.TYPE,
        text(name),
        text(description),
        text(cron),
        text(scheduleTimezone),
        Boolean.TRUE.equals(enabled));
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
