package dev.vigil.jobs;

import dev.vigil.access.UserRef;
import dev.vigil.inventory.InstanceService;
import dev.vigil.inventory.ServerService;
import dev.vigil.packages.PackageService;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import dev.vigil.shared.UnknownIds;
import dev.vigil.tailoring.SecurityTailoring;
import dev.vigil.tailoring.TailoringService;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Checks a job against everything it names (package, checklist, profile, schedule, targets) before
 * anything is written, and reports every problem at once.
 */
@Component
class JobValidator {

  static final String MESSAGE = "Unable to save job";

  private final PackageService packages;
  private final ScheduleService schedules;
  private final ServerService servers;
  private final InstanceService instances;
  private final Clock clock;
  private final TailoringService tailorings;

  JobValidator(
      PackageService packages,
      ScheduleService schedules,
      ServerService servers,
      InstanceService instances,
      Clock clock,
      TailoringService tailorings) {
    this.tailorings = tailorings;
    this.packages = packages;
    this.schedules = schedules;
    this.servers = servers;
    this.instances = instances;
    this.clock = clock;
  }

  /** The job {@code in} makes of {@code current} (null = a new job); 400 with every problem. */
  Job check(JobInput sent, @Nullable Job current, boolean nameTaken, @Nullable UserRef by) {
    return check(sent, current, nameTaken, by, new HashMap<>());
  }

  /**
   * As {@link #check(JobInput, Job, boolean, UserRef)}; when the targets were checked, {@code
   * targetNames} is given the name of every target server or instance by id, as read to check that
   * they exist (the answer then names them without reading them again).
   */
  Job check(
      JobInput sent,
      @Nullable Job current,
      boolean nameTaken,
      @Nullable UserRef by,
      Map<Long, String> targetNames) {
    Map<String, String> errors = new LinkedHashMap<>(sent.problems());
    SecurityTailoring tailoring = tailoring(sent, current, errors);
    JobInput in =
        tailoring == null
            ? sent
            : sent.withContent(
                String.valueOf(tailoring.packageId()),
                tailoring.scanPath(),
                tailoring.baseProfile());
    JobDraft d = JobDraft.of(in, current, new JobFields(errors), errors, nameTaken);
    if (current == null
        || in.securityPackage() != null
        || in.scanPath() != null
        || in.securityProfile() != null) {
      checkContent(d, errors);
    }
    if (tailoring != null) {
      checkTailoring(d, tailoring, errors);
    }
    if (current == null || in.scheduleMode() != null || in.dateTime() != null) {
      checkWhen(d, errors);
    }
    if (current == null || in.targetType() != null || in.targets() != null) {
      checkTargets(d, errors, targetNames);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(MESSAGE, errors);
    }
    return d.toJob(current, by, clock.instant());
  }

  private void checkContent(JobDraft d, Map<String, String> errors) {
    if (d.packageId() == null) {
      return;
    }
    try {
      packages.get(d.packageId());
    } catch (NotFoundException e) {
      errors.putIfAbsent("securityPackage", "unknown security package " + d.packageId());
      return;
    }
    if (d.scanPath() == null) {
      return;
    }
    try {
      packages.checklist(d.packageId(), d.scanPath(), d.securityProfile());
    } catch (InvalidInputException e) {
      e.errors().forEach(errors::putIfAbsent);
    }
  }

  /**
   * The tailoring the job will scan: the one sent, else the saved one; null for none or an unknown
   * one (an error). When both a tailoring and a profile are sent, the tailoring wins.
   */
  private @Nullable SecurityTailoring tailoring(
      JobInput in, @Nullable Job current, Map<String, String> errors) {
    String sent = in.securityTailoring();
    if (sent != null && sent.isBlank()) {
      return null;
    }
    if (sent == null) {
      if (current == null || current.securityTailoringId() == null) {
        return null;
      }
      sent = String.valueOf(current.securityTailoringId());
    }
    if (!sent.strip().matches("[0-9]{1,18}")) {
      return null; // JobDraft reports the malformed id
    }
    try {
      return tailorings.get(Long.parseLong(sent.strip()));
    } catch (NotFoundException e) {
      errors.putIfAbsent("securityTailoring", "unknown security tailoring " + sent.strip());
      return null;
    }
  }

  private static void checkTailoring(JobDraft d, SecurityTailoring t, Map<String, String> errors) {
    if (d.packageId() != null && d.packageId() != t.packageId()
        || d.scanPath() != null && !d.scanPath().equals(t.scanPath())) {
      errors.putIfAbsent(
          "securityTailoring",
          "tailoring "
              + t.id()
              + " tailors checklist "
              + t.scanPath()
              + " of package "
              + t.packageId()
              + ", not the job's "
              + d.scanPath()
              + " of package "
              + d.packageId());
    }
  }

  private void checkWhen(JobDraft d, Map<String, String> errors) {
    if (d.scheduleMode() == ScheduleMode.SCHEDULE && d.scheduleId() != null) {
      try {
        schedules.get(d.scheduleId());
      } catch (NotFoundException e) {
        errors.putIfAbsent("scheduleMode", "unknown execute schedule " + d.scheduleId());
      }
    }
    if (d.scheduleMode() == ScheduleMode.DATE_TIME
        && d.dateTime() != null
        && !d.dateTime().isAfter(clock.instant())) {
      errors.putIfAbsent("dateTime", "must be in the future");
    }
  }

  /** Unknown target ids are an error; the names of the known ones go to {@code names}. */
  private void checkTargets(JobDraft d, Map<String, String> errors, Map<Long, String> names) {
    if (d.targetType() == null || d.targetType().byLabel() || d.targetIds().isEmpty()) {
      return;
    }
    names.putAll(
        d.targetType() == TargetType.SERVER
            ? servers.namesByIds(d.targetIds())
            : instances.namesByIds(d.targetIds()));
    List<Long> missing = UnknownIds.of(d.targetIds(), names.keySet());
    if (!missing.isEmpty()) {
      errors.putIfAbsent("targets", UnknownIds.message(d.targetType().code(), missing));
    }
  }
}
