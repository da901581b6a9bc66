package dev.vigil.schedules;

import dev.vigil.shared.CommonFields;
import dev.vigil.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Checks a schedule's fields before anything is written; reports every problem at once. */
final class ScheduleValidator {

  static final String MESSAGE = "Unable to save execute schedule";

  private ScheduleValidator() {}

  static void validate(ScheduleInput in, boolean creating, boolean nameTaken) {
    Map<String, String> errors = new LinkedHashMap<>();
    CommonFields.name(in.name(), creating, nameTaken, errors);
    if (in.scheduleType() != null && !ExecuteSchedule.TYPE.equals(in.scheduleType().trim())) {
      errors.put(
          "scheduleType",
          "unknown schedule type '" + in.scheduleType() + "'; the only type is execute");
    }
    CommonFields.description(in.description(), errors);
    check("cron", in.cron(), CronSchedule::normalizeFiring, errors);
    check("scheduleTimezone", in.timezone(), CronSchedule::zone, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(MESSAGE, errors);
    }
  }

  private static void check(
      String field, @Nullable String value, Consumer<String> parse, Map<String, String> errors) {
    if (value == null) {
      return;
    }
    if (value.length() > 255) {
      errors.put(field, "must be at most 255 characters");
      return;
    }
    try {
      parse.accept(value);
    } catch (IllegalArgumentException e) {
      errors.put(field, e.getMessage());
    }
  }
}
