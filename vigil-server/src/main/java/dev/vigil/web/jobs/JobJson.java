package dev.vigil.web.jobs;

import dev.vigil.access.UserRef;
import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobExecution;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.jobs.JobType;
import dev.vigil.jobs.TargetType;
import dev.vigil.packages.PackageService;
import dev.vigil.shared.ListQuery;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders jobs in the Morpheus job record shape plus Vigil's run options. */
@Component
class JobJson {

  private final JobService jobs;
  private final PackageService packages;
  private final ExecutionService executions;

  JobJson(JobService jobs, PackageService packages, ExecutionService executions) {
    this.jobs = jobs;
    this.packages = packages;
    this.executions = executions;
  }

  /** Morpheus's type object of a security scan job. */
  @Schema(name = "JobTypeRef")
  record TypeRef(long id, String code, String name) {}

  /** The package a job scans with. */
  @Schema(name = "JobPackageRef")
  record PackageRef(long id, String name) {}

  /** The tailoring a job scans with. */
  @Schema(name = "JobTailoringRef")
  record TailoringRef(long id) {}

  /** Who created a job. */
  @Schema(name = "JobUser")
  record UserRecord(long id, String username, String displayName) {}

  /** A server or instance a job targets. */
  record TargetRecord(long id, String name, String targetType, long refId) {}

  /** A job in Morpheus's record shape, plus Vigil's run and retention options. */
  record JobRecord(
      long id,
      String name,
      List<String> labels,
      TypeRef type,
      PackageRef securityPackage,
      String scanPath,
      String securityProfile,
      @Schema(description = "the tailoring scanned instead of the shipped profile, or null")
          TailoringRef securityTailoring,
      String jobSummary,
      String scheduleMode,
      String dateTime,
      boolean enabled,
      String status,
      String description,
      String lastRun,
      String lastResult,
      String nextFire,
      UserRecord createdBy,
      String targetType,
      List<TargetRecord> targets,
      String serverLabel,
      String instanceLabel,
      @Schema(description = "always null: Vigil has no custom config") String customConfig,
      @Schema(description = "always null: Vigil has no custom options") String customOptions,
      int timeoutMinutes,
      int maxParallel,
      int retriesOnTimeout,
      int keepMinDays,
      Integer deleteAfterDays,
      String dateCreated,
      String lastUpdated) {}

  static TypeRef type() {
    return new TypeRef(JobType.ID, JobType.CODE, JobType.NAME);
  }

  JobRecord record(Job j) {
    return record(j, null);
  }

  /**
   * The job's record; its targets named from {@code targetNames} (server or instance names by id)
   * when given, else as read now.
   */
  JobRecord record(Job j, Map<Long, String> targetNames) {
    String packageName = packages.get(j.packageId()).name();
    JobExecution last =
        executions
            .list(ExecutionFilter.ofJob(j.id()), new ListQuery(1, 0, null, null, null, true))
            .stream()
            .findFirst()
            .orElse(null);
    return new JobRecord(
        j.id(),
        j.name(),
        j.labels(),
        type(),
        new PackageRef(j.packageId(), packageName),
        j.scanPath(),
        j.securityProfile(),
        j.securityTailoringId() == null ? null : new TailoringRef(j.securityTailoringId()),
        packageName,
        j.scheduleModeCode(),
        time(j.dateTime()),
        j.enabled(),
        null,
        j.description(),
        // the run fields: the latest execution's start and status, and the next fire
        last == null ? null : time(last.createdAt()),
        last == null ? null : last.status().code(),
        jobs.nextFire(j).map(Instant::toString).orElse(null),
        user(j.createdBy()),
        j.targetType().code(),
        targets(j, targetNames == null ? jobs.targetNames(j) : targetNames),
        j.targetType() == TargetType.SERVER_LABEL ? j.targetLabel() : null,
        j.targetType() == TargetType.INSTANCE_LABEL ? j.targetLabel() : null,
        null,
        null,
        j.options().timeoutMinutes(),
        j.options().maxParallel(),
        j.options().retriesOnTimeout(),
        j.options().keepMinDays(),
        j.options().deleteAfterDays(),
        time(j.createdAt()),
        time(j.updatedAt()));
  }

  private static List<TargetRecord> targets(Job j, Map<Long, String> names) {
    return j.targets().stream()
        .map(t -> new TargetRecord(t.id(), names.get(t.refId()), j.targetType().code(), t.refId()))
        .toList();
  }

  private static UserRecord user(UserRef u) {
    return u == null ? null : new UserRecord(u.id(), u.username(), u.displayName());
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
