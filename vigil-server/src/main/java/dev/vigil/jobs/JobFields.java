package dev.vigil.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads a job's typed fields (numbers, modes, dates, ids), collecting one message per field. */
final class JobFields {

  /** An id: compiled once, as a target list may hold 100,000 of them. */
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

  static final String TARGET_TYPE_MESSAGE =
      "security scan jobs target servers or instances, by id or by label"
          + " (server, instance, server-label, instance-label)";

  private final Map<String, String> errors;

  JobFields(Map<String, String> errors) {
    this.errors = errors;
  }

  /** A whole number between min and max, the fallback when blank. */
  int number(String field, @Nullable String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.putIfAbsent(field, "must be a whole number from " + min + " to " + max);
    return fallback;
  }

  /**
   * Days after which scans are deleted: null (never) for blank or {@code never}, the fallback when
   * not sent (null), else a whole number from 1 to {@value JobOptions#MAX_DELETE_AFTER_DAYS}.
   */
  @Nullable Integer deleteAfterDays(@Nullable String value, @Nullable Integer fallback) {
    if (value == null) {
      return fallback;
    }
    String v = value.trim();
    if (v.isEmpty() || v.equalsIgnoreCase("never")) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= JobOptions.MAX_DELETE_AFTER_DAYS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.putIfAbsent(
        "deleteAfterDays",
        "must be a whole number of days from 1 to "
            + JobOptions.MAX_DELETE_AFTER_DAYS
            + ", or never");
    return fallback;
  }

  /**
   * Scans cannot be deleted before they may be: delete-after must be at least keep-min. The error
   * goes to the field that was sent ({@code deleteAfterDays} when it was).
   */
  void retentionOrder(int keepMin, @Nullable Integer deleteAfter, boolean deleteAfterSent) {
    if (deleteAfter == null
        || deleteAfter >= keepMin
        || errors.containsKey("keepMinDays")
        || errors.containsKey("deleteAfterDays")) {
      return;
    }
    if (deleteAfterSent) {
      errors.put(
          "deleteAfterDays",
          "must be at least keepMinDays ("
              + keepMin
              + "): scans are kept at least that long, so they cannot be deleted after "
              + deleteAfter
              + " days");
    } else {
      errors.put(
          "keepMinDays",
          "must be at most deleteAfterDays ("
              + deleteAfter
              + "): scans are deleted after that many days");
    }
  }

  /** An id (digits), null with an error when malformed or blank. */
  @Nullable Long id(String field, @Nullable String value) {
    String v = value == null ? "" : value.trim();
    if (v.matches("[0-9]{1,18}")) {
      return Long.parseLong(v);
    }
    errors.putIfAbsent(field, v.isEmpty() ? "is required" : "must be an id (a number)");
    return null;
  }

  /** The schedule mode of {@code manual}, {@code dateTime} or digits; null with an error. */
  @Nullable ScheduleMode scheduleMode(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("manual")) {
      return ScheduleMode.MANUAL;
    }
    if (v.equalsIgnoreCase("dateTime")) {
      return ScheduleMode.DATE_TIME;
    }
    if (v.matches("[0-9]{1,18}")) {
      return ScheduleMode.SCHEDULE;
    }
    errors.putIfAbsent(
        "scheduleMode", "must be manual, dateTime or an execute schedule id, not '" + v + "'");
    return null;
  }

  /** An ISO-8601 instant ({@code 2025-02-15T05:00:00Z}), null with an error. */
  @Nullable Instant dateTime(String value) {
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      errors.putIfAbsent(
          "dateTime", "must be an ISO-8601 date and time in UTC, like 2025-02-15T05:00:00Z");
      return null;
    }
  }

  /** {@code server} or {@code instance}; null with an error naming what was sent. */
  @Nullable TargetType targetType(@Nullable String value) {
    TargetType t = TargetType.fromCode(value == null ? "" : value.trim());
    if (t == null) {
      errors.putIfAbsent(
          "targetType",
          value == null || value.isBlank()
              ? "is required: " + TARGET_TYPE_MESSAGE
              : TARGET_TYPE_MESSAGE + "; '" + value.trim() + "' is not supported");
    }
    return t;
  }

  /**
   * The target ids, each once in the order sent (linear time); an error when empty or not numbers.
   */
  List<Long> targetIds(@Nullable List<String> values, @Nullable TargetType type) {
    String noun = type == TargetType.INSTANCE ? "instance" : "server";
    List<String> sent = values == null ? List.of() : values;
    Set<Long> ids = new LinkedHashSet<>(sent.size() / 3 * 4 + 16); // sized: no rehashing
    for (String v : sent) {
      if (v == null || !ID.matcher(v.trim()).matches()) {
        errors.putIfAbsent("targets", "must be a list of " + noun + " ids");
        return List.of();
      }
      ids.add(Long.parseLong(v.trim()));
    }
    if (ids.isEmpty()) {
      errors.putIfAbsent("targets", "at least one " + noun + " is required");
    }
    return List.copyOf(ids);
  }
}
