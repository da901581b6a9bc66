package dev.vigil.jobs;

import dev.vigil.access.UserRef;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A security scan job: which checklist and profile of which package to scan, when (manual, once at
 * a date-time, or on an execute schedule), on which servers or instances, and how (timeout per
 * target, max parallel targets, retries on timeout). With a tailoring ({@code securityTailoringId})
 * the job scans that tailored profile; {@code securityProfile} is then the tailoring's base.
 */
public record Job(
    long id,
    String name,
    @Nullable String description,
    List<String> labels,
    boolean enabled,
    long packageId,
    String scanPath,
    String securityProfile,
    ScheduleMode scheduleMode,
    @Nullable Long scheduleId,
    @Nullable Instant dateTime,
    TargetType targetType,
    List<JobTarget> targets,
    @Nullable String targetLabel,
    JobOptions options,
    @Nullable UserRef createdBy,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Long securityTailoringId) {

  public Job {
    labels = List.copyOf(labels);
    targets = List.copyOf(targets);
  }

  /** A job that scans a shipped profile (no tailoring). */
  public Job(
      long id,
      String name,
      @Nullable String description,
      List<String> labels,
      boolean enabled,
      long packageId,
      String scanPath,
      String securityProfile,
      ScheduleMode scheduleMode,
      @Nullable Long scheduleId,
      @Nullable Instant dateTime,
      TargetType targetType,
      List<JobTarget> targets,
      @Nullable String targetLabel,
      JobOptions options,
      @Nullable UserRef createdBy,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        name,
        description,
        labels,
        enabled,
        packageId,
        scanPath,
        securityProfile,
        scheduleMode,
        scheduleId,
        dateTime,
        targetType,
        targets,
        targetLabel,
        options,
        createdBy,
        createdAt,
        updatedAt,
        null);
  }

  /** A job that lists its targets (no target label). */
  public Job(
      long id,
      String name,
      @Nullable String description,
      List<String> labels,
      boolean enabled,
      long packageId,
      String scanPath,
      String securityProfile,
      ScheduleMode scheduleMode,
      @Nullable Long scheduleId,
      @Nullable Instant dateTime,
      TargetType targetType,
      List<JobTarget> targets,
      JobOptions options,
      @Nullable UserRef createdBy,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        name,
        description,
        labels,
        enabled,
        packageId,
        scanPath,
        securityProfile,
        scheduleMode,
        scheduleId,
        dateTime,
        targetType,
        targets,
        null,
        options,
        createdBy,
        createdAt,
        updatedAt);
  }

  /** Morpheus's scheduleMode: {@code manual}, {@code dateTime} or the schedule id as a string. */
  public String scheduleModeCode() {
    return scheduleMode.code(scheduleId);
  }

  /** The ids of the target servers or instances, in order. */
  public List<Long> refIds() {
    return targets.stream().map(JobTarget::refId).toList();
  }

  /** True when something other than a user starts the job (a date-time or a schedule). */
  public boolean scheduled() {
    return scheduleMode != ScheduleMode.MANUAL;
  }

  /** A copy enabled or disabled. */
  Job withEnabled(boolean on, Instant now) {
    return new Job(
        id,
        name,
        description,
        labels,
        on,
        packageId,
        scanPath,
        securityProfile,
        scheduleMode,
        scheduleId,
        dateTime,
        targetType,
        targets,
        targetLabel,
        options,
        createdBy,
        createdAt,
        now,
        securityTailoringId);
  }
}
