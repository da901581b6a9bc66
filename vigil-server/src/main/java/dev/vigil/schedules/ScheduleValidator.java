package dev.vigil.schedules;

import dev.vigil.web.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks a schedule's fields before anything is written; reports every problem at once. */
final class ScheduleValidator {

  static final String MESSAGE = "Unable to save execute schedule";

  private ScheduleValidator() {}

  static void validate(ScheduleInput in, boolean creating, boolean nameTaken) {
    Map<String, String> errors = new LinkedHashMap<>();
    checkName(in.name(), creating, nameTaken, errors);
    if (in.scheduleType() != null && !ExecuteSchedule.TYPE.equals(in.scheduleType().trim())) {
      errors.put(
          "scheduleType",
          "unknown schedule type '" + in.scheduleType() + "'; the only type is execute");
    }
    if (in.description() != null && in.description().length() > 4000) {
      errors.put("description", "must be at most 4000 characters");
    }
    check("cron", in.cron(), () -> CronSchedule.normalize(in.cron()), errors);
    check("scheduleTimezone", in.timezone(), () -> CronSchedule.zone(in.timezone()), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(MESSAGE, errors);
    }
  }

  private static void checkName(
      String name, boolean creating, boolean taken, Map<String, String> errors) {
    if (name == null ? creating : name.isBlank()) {
      errors.put("name", "is required");
    } else if (name != null && name.trim().length() > 255) {
      errors.put("name", "must be at most 255 characters");
    } else if (taken) {
      errors.put("name", "must be unique");
    }
  }

  private static void check(
      String field, String value, Runnable parse, Map<String, String> errors) {
    if (value == null) {
      return;
    }
    if (value.length() > 255) {
      errors.put(field, "must be at most 255 characters");
      return;
    }
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      errors.put(field, e.getMessage());
    }
  }
}
