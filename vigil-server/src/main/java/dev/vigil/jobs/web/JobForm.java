package dev.vigil.jobs.web;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobInput;
import dev.vigil.jobs.JobOptions;
import dev.vigil.jobs.TargetType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The job wizard's and edit form's fields as the user typed them, carried between the wizard's
 * steps in hidden fields and kept on error. {@code dateTime} is a {@code datetime-local} value in
 * UTC.
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
    String targetType,
    List<String> targets,
    String timeoutMinutes,
    String maxParallel,
    String retriesOnTimeout,
    String keepMinDays,
    String deleteAfterDays) {

  static final String TYPE = "securityScan";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  JobForm {
    targets = targets == null ? List.of() : List.copyOf(targets);
    enabled = enabled == null || enabled;
    scheduleMode = scheduleMode == null ? "manual" : scheduleMode;
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

  /** Step 1's problems: the type must be a security scan job and the name given. */
  Map<String, String> typeProblems() {
    return TYPE.equals(type) ? Map.of() : Map.of("type", JobBody.ONLY_SCANS);
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
        "dateTime".equals(scheduleMode) ? utc(dateTime) : null,
        text(targetType),
        targets,
        text(timeoutMinutes),
        text(maxParallel),
        text(retriesOnTimeout),
        text(keepMinDays),
        text(deleteAfterDays),
        typeProblems());
  }

  private static String utc(String local) {
    if (local == null || local.isBlank()) {
      return "";
    }
    String v = local.trim();
    if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
      return v + ":00Z";
    }
    return v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}") ? v + "Z" : v;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
