package dev.vigil.jobs;

import dev.vigil.access.UserRef;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A job's fields after merging what was sent over the saved job (or the defaults), typed. */
record JobDraft(
    @Nullable String name,
    @Nullable String description,
    List<String> labels,
    boolean enabled,
    @Nullable Long packageId,
    @Nullable String scanPath,
    @Nullable String securityProfile,
    ScheduleMode scheduleMode,
    @Nullable Long scheduleId,
    @Nullable Instant dateTime,
    @Nullable TargetType targetType,
    List<Long> targetIds,
    @Nullable String targetLabel,
    JobOptions options,
    @Nullable Long securityTailoringId) {

  /** Reads {@code in} over {@code current} (null = new job); problems go into {@code errors}. */
  static JobDraft of(
      JobInput in, @Nullable Job current, JobFields f, Map<String, String> errors, boolean taken) {
    Saved s = new Saved(current);
    When when = When.of(in, current, f, errors);
    TargetType type = f.targetType(in.targetType() == null ? s.targetType() : in.targetType());
    return new JobDraft(
        name(in.name() == null ? s.name() : in.name().trim(), taken, errors),
        description(in.description() == null ? s.description() : blank(in.description()), errors),
        labels(in, current, errors),
        in.enabled() != null ? in.enabled() : current == null || current.enabled(),
        in.securityPackage() == null && current != null
            ? Long.valueOf(current.packageId())
            : f.id("securityPackage", in.securityPackage()),
        required("scanPath", in.scanPath(), s.scanPath(), errors),
        required("securityProfile", in.securityProfile(), s.profile(), errors),
        when.mode(),
        when.scheduleId(),
        when.dateTime(),
        type,
        type != null && type.byLabel()
            ? List.of()
            : in.targets() == null && current != null
                ? current.refIds()
                : f.targetIds(in.targets(), type),
        targetLabel(in, current, type, errors),
        options(in, current == null ? JobOptions.defaults() : current.options(), f),
        tailoring(in, current, f));
  }

  /** The tailoring sent (blank: none), else the saved one. */
  private static @Nullable Long tailoring(JobInput in, @Nullable Job current, JobFields f) {
    if (in.securityTailoring() == null) {
      return current == null ? null : current.securityTailoringId();
    }
    return in.securityTailoring().isBlank()
        ? null
        : f.id("securityTailoring", in.securityTailoring());
  }

  private static @Nullable String description(
      @Nullable String description, Map<String, String> errors) {
    if (description != null && description.length() > 4000) {
      errors.putIfAbsent("description", "must be at most 4000 characters");
    }
    return description;
  }

  /** The job these fields describe; a new one is created by {@code by} now. */
  Job toJob(@Nullable Job current, @Nullable UserRef by, Instant now) {
    if (name == null
        || packageId == null
        || scanPath == null
        || securityProfile == null
        || targetType == null) {
      throw new IllegalStateException(
          "a validated job has no name, package, scan path, profile or target type");
    }
    return new Job(
        current == null ? 0 : current.id(),
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
        targetIds.stream().map(id -> new JobTarget(0, id)).toList(),
        targetLabel,
        options,
        current == null ? by : current.createdBy(),
        current == null ? now : current.createdAt(),
        now,
        securityTailoringId);
  }

  /**
   * The label of a label-target job: the one sent, else the saved one when the type stays; null for
   * other types. Required, at most 255 characters.
   */
  private static @Nullable String targetLabel(
      JobInput in, @Nullable Job current, @Nullable TargetType type, Map<String, String> errors) {
    if (type == null || !type.byLabel()) {
      return null;
    }
    String label =
        in.targetLabel() != null
            ? blank(in.targetLabel())
            : current != null && current.targetType() == type ? current.targetLabel() : null;
    String field = type == TargetType.SERVER_LABEL ? "serverLabel" : "instanceLabel";
    if (label == null) {
      errors.putIfAbsent(field, "is required for targetType " + type.code());
    } else if (label.length() > 255) {
      errors.putIfAbsent(field, "must be at most 255 characters");
    }
    return label;
  }

  private static @Nullable String name(
      @Nullable String name, boolean taken, Map<String, String> errors) {
    if (name == null || name.isBlank()) {
      errors.putIfAbsent("name", "is required");
    } else if (name.length() > 255) {
      errors.putIfAbsent("name", "must be at most 255 characters");
    } else if (taken) {
      errors.putIfAbsent("name", "must be unique");
    }
    return name;
  }

  private static @Nullable String required(
      String field, @Nullable String sent, @Nullable String saved, Map<String, String> errors) {
    String v = sent == null ? saved : blank(sent);
    if (v == null) {
      errors.putIfAbsent(field, "is required");
    } else if (v.length() > 1024) {
      errors.putIfAbsent(field, "must be at most 1024 characters");
    }
    return v;
  }

  private static List<String> labels(
      JobInput in, @Nullable Job current, Map<String, String> errors) {
    if (in.labels() == null) {
      return current == null ? List.of() : current.labels();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String label : in.labels()) {
      if (label == null || label.isBlank() || label.trim().length() > 255) {
        errors.putIfAbsent("labels", "each label must be 1 to 255 characters");
      } else {
        out.add(label.trim());
      }
    }
    return List.copyOf(out);
  }

  private static JobOptions options(JobInput in, JobOptions saved, JobFields f) {
    int keepMin =
        f.number(
            "keepMinDays", in.keepMinDays(), saved.keepMinDays(), 1, JobOptions.MAX_KEEP_MIN_DAYS);
    Integer deleteAfter = f.deleteAfterDays(in.deleteAfterDays(), saved.deleteAfterDays());
    f.retentionOrder(keepMin, deleteAfter, in.deleteAfterDays() != null);
    return new JobOptions(
        f.number(
            "timeoutMinutes",
            in.timeoutMinutes(),
            saved.timeoutMinutes(),
            1,
            JobOptions.MAX_TIMEOUT_MINUTES),
        f.number(
            "maxParallel", in.maxParallel(), saved.maxParallel(), 1, JobOptions.MAX_MAX_PARALLEL),
        f.number(
            "retriesOnTimeout",
            in.retriesOnTimeout(),
            saved.retriesOnTimeout(),
            0,
            JobOptions.MAX_RETRIES),
        keepMin,
        deleteAfter);
  }

  static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** The saved job's text fields, null for a new job. */
  private record Saved(@Nullable Job job) {
    @Nullable String name() {
      return job == null ? null : job.name();
    }

    @Nullable String description() {
      return job == null ? null : job.description();
    }

    @Nullable String scanPath() {
      return job == null ? null : job.scanPath();
    }

    @Nullable String profile() {
      return job == null ? null : job.securityProfile();
    }

    @Nullable String targetType() {
      return job == null ? null : job.targetType().code();
    }
  }
}
