package dev.vigil.web.jobs;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobInput;
import dev.vigil.jobs.JobOptions;
import dev.vigil.jobs.TargetType;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job wizard's and edit form's fields as the user typed them, carried between the wizard's
 * steps in hidden fields and kept on error. {@code dateTime} is a {@code datetime-local} value in
 * the time zone {@code timeZone} (an IANA zone id, UTC when none is sent).
 */
record JobForm(
    String type,
    String name,
    String description,
    String labels,
    Boolean enabled,
    String securityPackage,
    String scanPath,
    String securityProfile,
    String scheduleMode,
    String dateTime,
    String timeZone,
    String targetType,
    List<String> targets,
    String timeoutMinutes,
    String maxParallel,
    String retriesOnTimeout,
    String keepMinDays,
    String deleteAfterDays) {

  static final String TYPE = "securityScan";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  JobForm {
    targets = targets == null ? List.of() : List.copyOf(targets);
    enabled = enabled == null || enabled;
    scheduleMode = scheduleMode == null ? "manual" : scheduleMode;
    timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim();
    targetType = targetType == null ? TargetType.SERVER.code() : targetType;
    timeoutMinutes = or(timeoutMinutes, JobOptions.DEFAULT_TIMEOUT_MINUTES);
    maxParallel = or(maxParallel, JobOptions.DEFAULT_MAX_PARALLEL);
    retriesOnTimeout = or(retriesOnTimeout, JobOptions.DEFAULT_RETRIES);
    keepMinDays = or(keepMinDays, JobOptions.DEFAULT_KEEP_MIN_DAYS);
    deleteAfterDays = or(deleteAfterDays, JobOptions.DEFAULT_DELETE_AFTER_DAYS);
  }

  private static String or(String value, int fallback) {
    return value == null ? String.valueOf(fallback) : value;
  }

  static JobForm empty() {
    return new JobForm(
        TYPE,
        "",
        "",
        "",
        true,
        "",
        "",
        "",
        "manual",
        "",
        "UTC",
        TargetType.SERVER.code(),
        List.of(),
        String.valueOf(JobOptions.DEFAULT_TIMEOUT_MINUTES),
        String.valueOf(JobOptions.DEFAULT_MAX_PARALLEL),
        String.valueOf(JobOptions.DEFAULT_RETRIES),
        String.valueOf(JobOptions.DEFAULT_KEEP_MIN_DAYS),
        String.valueOf(JobOptions.DEFAULT_DELETE_AFTER_DAYS));
  }

  static JobForm of(Job j) {
    return new JobForm(
        TYPE,
        j.name(),
        j.description() == null ? "" : j.description(),
        String.join(", ", j.labels()),
        j.enabled(),
        String.valueOf(j.packageId()),
        j.scanPath(),
        j.securityProfile(),
        j.scheduleModeCode(),
        j.dateTime() == null ? "" : LOCAL.format(j.dateTime().atOffset(ZoneOffset.UTC)),
        "UTC",
        j.targetType().code(),
        j.refIds().stream().map(String::valueOf).toList(),
        String.valueOf(j.options().timeoutMinutes()),
        String.valueOf(j.options().maxParallel()),
        String.valueOf(j.options().retriesOnTimeout()),
        String.valueOf(j.options().keepMinDays()),
        j.options().deleteAfterDays() == null
            ? "never"
            : String.valueOf(j.options().deleteAfterDays()));
  }

  /** "keep 90 days, delete after 365 days" as typed, for the review step. */
  public String retentionText() {
    String delete = deleteAfterDays == null ? "" : deleteAfterDays.trim();
    return "keep "
        + keepMinDays
        + " days, "
        + (delete.isEmpty() || delete.equalsIgnoreCase("never")
            ? "never delete"
            : "delete after " + delete + " days");
  }

  /** Step 1's problems: the type must be a security scan job; and a time zone Java knows. */
  Map<String, String> typeProblems() {
    Map<String, String> problems = new LinkedHashMap<>();
    if (!TYPE.equals(type)) {
      problems.put("type", JobBody.ONLY_SCANS);
    }
    if (zone() == null) {
      problems.put("timeZone", "unknown time zone '" + timeZone + "'");
    }
    return problems;
  }

  /** The chosen time zone, or null when it names none. */
  ZoneId zone() {
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** "2026-12-07 09:00 Europe/Berlin (08:00 UTC)" for the review step; as typed when unreadable. */
  public String dateTimeText() {
    String utc = instant(dateTime, zone());
    if (!utc.endsWith("Z") || zone() == null) {
      return dateTime + " " + timeZone;
    }
    OffsetDateTime at = OffsetDateTime.parse(utc);
    String local = dateTime.trim().replace('T', ' ');
    return zone().equals(ZoneOffset.UTC) || "UTC".equals(timeZone)
        ? local + " UTC"
        : local + " " + timeZone + " (" + SHORT.format(at) + " UTC)";
  }

  /** True when the target id was chosen (for the checkboxes). */
  public boolean targeted(Object id) {
    return targets.contains(String.valueOf(id));
  }

  JobInput toInput() {
    return new JobInput(
        text(name),
        text(description),
        labels == null
            ? List.of()
            : Arrays.stream(labels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
        enabled,
        text(securityPackage),
        text(scanPath),
        text(securityProfile),
        text(scheduleMode),
        "dateTime".equals(scheduleMode) ? instant(dateTime, zone()) : null,
        text(targetType),
        targets,
        text(timeoutMinutes),
        text(maxParallel),
        text(retriesOnTimeout),
        text(keepMinDays),
        text(deleteAfterDays),
        typeProblems());
  }

  /**
   * The {@code datetime-local} value read in {@code zone} as an ISO instant ({@code ...Z}); blank
   * when blank, as typed when it is no date-time (the validation names it then).
   */
  private static String instant(String local, ZoneId zone) {
    if (local == null || local.isBlank()) {
      return "";
    }
    String v = local.trim();
    if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
      v = v + ":00";
    }
    if (!v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}")) {
      return v;
    }
    try {
      LocalDateTime at = LocalDateTime.parse(v);
      return at.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant().toString();
    } catch (DateTimeException e) {
      return v;
    }
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
