package dev.vigil.jobs;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a user sends to create or change a job, as typed. On update a null field means "unchanged".
 * {@code scheduleMode} is {@code manual}, {@code dateTime} or an execute schedule id; {@code
 * deleteAfterDays} is a number of days, or blank or {@code never} for never; {@code targetLabel} is
 * the label of a {@code server-label} or {@code instance-label} job; {@code problems} are field
 * errors found while reading the request, reported with the others; {@code securityTailoring} is a
 * tailoring id, blank to scan the shipped profile again, null for unchanged.
 */
public record JobInput(
    @Nullable String name,
    @Nullable String description,
    @Nullable List<String> labels,
    @Nullable Boolean enabled,
    @Nullable String securityPackage,
    @Nullable String scanPath,
    @Nullable String securityProfile,
    @Nullable String scheduleMode,
    @Nullable String dateTime,
    @Nullable String targetType,
    @Nullable List<String> targets,
    @Nullable String timeoutMinutes,
    @Nullable String maxParallel,
    @Nullable String retriesOnTimeout,
    @Nullable String keepMinDays,
    @Nullable String deleteAfterDays,
    @Nullable String targetLabel,
    Map<String, String> problems,
    @Nullable String securityTailoring) {

  public JobInput {
    problems = problems == null ? Map.of() : Map.copyOf(problems);
  }

  /** Input that names no tailoring (the job's stays as it is). */
  public JobInput(
      @Nullable String name,
      @Nullable String description,
      @Nullable List<String> labels,
      @Nullable Boolean enabled,
      @Nullable String securityPackage,
      @Nullable String scanPath,
      @Nullable String securityProfile,
      @Nullable String scheduleMode,
      @Nullable String dateTime,
      @Nullable String targetType,
      @Nullable List<String> targets,
      @Nullable String timeoutMinutes,
      @Nullable String maxParallel,
      @Nullable String retriesOnTimeout,
      @Nullable String keepMinDays,
      @Nullable String deleteAfterDays,
      @Nullable String targetLabel,
      @Nullable Map<String, String> problems) {
    this(
        name,
        description,
        labels,
        enabled,
        securityPackage,
        scanPath,
        securityProfile,
        scheduleMode,
        dateTime,
        targetType,
        targets,
        timeoutMinutes,
        maxParallel,
        retriesOnTimeout,
        keepMinDays,
        deleteAfterDays,
        targetLabel,
        problems == null ? Map.of() : problems,
        null);
  }

  /** This input with the package, checklist and profile {@code tailoring} sets when not sent. */
  public JobInput withContent(String packageId, String path, String profile) {
    return new JobInput(
        name,
        description,
        labels,
        enabled,
        securityPackage == null ? packageId : securityPackage,
        scanPath == null ? path : scanPath,
        profile,
        scheduleMode,
        dateTime,
        targetType,
        targets,
        timeoutMinutes,
        maxParallel,
        retriesOnTimeout,
        keepMinDays,
        deleteAfterDays,
        targetLabel,
        problems,
        securityTailoring);
  }

  /** Input without a target label (servers or instances listed in {@code targets}). */
  public JobInput(
      @Nullable String name,
      @Nullable String description,
      @Nullable List<String> labels,
      @Nullable Boolean enabled,
      @Nullable String securityPackage,
      @Nullable String scanPath,
      @Nullable String securityProfile,
      @Nullable String scheduleMode,
      @Nullable String dateTime,
      @Nullable String targetType,
      @Nullable List<String> targets,
      @Nullable String timeoutMinutes,
      @Nullable String maxParallel,
      @Nullable String retriesOnTimeout,
      @Nullable String keepMinDays,
      @Nullable String deleteAfterDays,
      @Nullable Map<String, String> problems) {
    this(
        name,
        description,
        labels,
        enabled,
        securityPackage,
        scanPath,
        securityProfile,
        scheduleMode,
        dateTime,
        targetType,
        targets,
        timeoutMinutes,
        maxParallel,
        retriesOnTimeout,
        keepMinDays,
        deleteAfterDays,
        null,
        problems);
  }

  /** Input that leaves the retention as it is (the defaults for a new job). */
  public JobInput(
      @Nullable String name,
      @Nullable String description,
      @Nullable List<String> labels,
      @Nullable Boolean enabled,
      @Nullable String securityPackage,
      @Nullable String scanPath,
      @Nullable String securityProfile,
      @Nullable String scheduleMode,
      @Nullable String dateTime,
      @Nullable String targetType,
      @Nullable List<String> targets,
      @Nullable String timeoutMinutes,
      @Nullable String maxParallel,
      @Nullable String retriesOnTimeout,
      @Nullable Map<String, String> problems) {
    this(
        name,
        description,
        labels,
        enabled,
        securityPackage,
        scanPath,
        securityProfile,
        scheduleMode,
        dateTime,
        targetType,
        targets,
        timeoutMinutes,
        maxParallel,
        retriesOnTimeout,
        null,
        null,
        problems);
  }
}
