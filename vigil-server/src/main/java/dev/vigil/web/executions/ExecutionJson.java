package dev.vigil.web.executions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.access.UserRef;
import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionPlan;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobExecution;
import dev.vigil.executions.TargetRun;
import dev.vigil.jobs.JobType;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Renders job executions in Morpheus's {@code jobExecution} shape, target runs as its events. */
@Component
public class ExecutionJson {

  private static final String PROCESS_TYPE = "securityScan";

  private final ExecutionService executions;
  private final Clock clock;

  ExecutionJson(ExecutionService executions, Clock clock) {
    this.executions = executions;
    this.clock = clock;
  }

  /** {@code GET /api/job-executions}, and a job's {@code executions}. */
  public record ExecutionList(List<ExecutionRecord> jobExecutions, Meta meta) {}

  /** {@code GET /api/job-executions/{id}}. */
  public record ExecutionOne(ExecutionRecord jobExecution) {}

  /** A cancelled or re-run execution. */
  public record ExecutionSaved(boolean success, ExecutionRecord jobExecution) {}

  /** {@code GET /api/job-executions/{id}/events/{eventId}}. */
  public record EventOne(EventRecord processEvent) {}

  /** A job execution in Morpheus's {@code jobExecution} shape. */
  public record ExecutionRecord(
      long id,
      String name,
      JobRef job,
      String description,
      String status,
      String statusMessage,
      String trigger,
      String dateCreated,
      String startDate,
      String endDate,
      Long duration,
      ResultData resultData,
      UserRecord createdBy,
      int totalCount,
      int doneCount,
      int failedCount,
      PackageRef securityPackage,
      String scanPath,
      String securityProfile,
      ProcessRecord process) {}

  /** The job an execution ran. */
  @Schema(name = "ExecutionJobRef")
  public record JobRef(Long id, String name, String description, JobTypeRef type) {}

  /** The job type: always the security scan job. */
  @Schema(name = "ExecutionJobTypeRef")
  public record JobTypeRef(long id, String code, String name) {}

  /** The package version an execution pinned when it started. */
  @Schema(name = "ExecutionPackageRef")
  public record PackageRef(long id, String name, int version, long versionId) {}

  /** The progress of an execution. */
  @Schema(name = "ExecutionResultData")
  public record ResultData(int total, int done, int failed, String progress) {}

  /** Who started an execution. */
  @Schema(name = "ExecutionUser")
  public record UserRecord(long id, String username, String displayName) {}

  /** Morpheus's process type. */
  @Schema(name = "ExecutionProcessType")
  public record ProcessType(String code, String name) {}

  /**
   * The execution as a Morpheus process; {@code events} (one per target run) only on a single
   * execution, left out of lists.
   */
  public record ProcessRecord(
      long id,
      ProcessType processType,
      String processTypeName,
      String description,
      String displayName,
      String refType,
      String status,
      String message,
      String error,
      String output,
      String dateCreated,
      String startDate,
      String endDate,
      Long duration,
      String statusEta,
      UserRecord createdBy,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<EventRecord> events) {

    ProcessRecord withEvents(List<EventRecord> list) {
      return new ProcessRecord(
          id,
          processType,
          processTypeName,
          description,
          displayName,
          refType,
          status,
          message,
          error,
          output,
          dateCreated,
          startDate,
          endDate,
          duration,
          statusEta,
          createdBy,
          list);
    }
  }

  /** One target run as a Morpheus process event. */
  public record EventRecord(
      long id,
      String processTypeName,
      String description,
      String refType,
      Long refId,
      String displayName,
      String status,
      String targetStatus,
      String step,
      String output,
      int attempt,
      String node,
      Integer rulesEvaluated,
      Integer rulesTotal,
      String message,
      String error,
      String failureCode,
      Long scanId,
      String startDate,
      String endDate,
      Long duration,
      UserRecord createdBy) {}

  /** The {@code executions} object of a job: its latest {@code max} executions and the total. */
  public ExecutionList ofJob(long jobId, int max) {
    ListQuery q = new ListQuery(max, 0, null, null, null, true);
    List<ExecutionRecord> items =
        executions.list(ExecutionFilter.ofJob(jobId), q).stream().map(this::listItem).toList();
    return new ExecutionList(
        items, Meta.of(q, items.size(), executions.count(ExecutionFilter.ofJob(jobId))));
  }

  /** One execution with its process and one event per target run. */
  public ExecutionRecord execution(JobExecution e) {
    ExecutionRecord r = listItem(e);
    Instant now = clock.instant();
    List<EventRecord> events =
        executions.runs(e.id()).stream().map(run -> event(run, e.createdBy(), now)).toList();
    return new ExecutionRecord(
        r.id(),
        r.name(),
        r.job(),
        r.description(),
        r.status(),
        r.statusMessage(),
        r.trigger(),
        r.dateCreated(),
        r.startDate(),
        r.endDate(),
        r.duration(),
        r.resultData(),
        r.createdBy(),
        r.totalCount(),
        r.doneCount(),
        r.failedCount(),
        r.securityPackage(),
        r.scanPath(),
        r.securityProfile(),
        r.process().withEvents(events));
  }

  /**
   * One execution as a list shows it: everything but the per-run {@code process.events}, so a list
   * reads no target run.
   */
  public ExecutionRecord listItem(JobExecution e) {
    Instant now = clock.instant();
    Duration d = e.duration(now);
    ExecutionPlan p = e.plan();
    return new ExecutionRecord(
        e.id(),
        e.jobName(),
        new JobRef(
            e.jobId(), e.jobName(), null, new JobTypeRef(JobType.ID, JobType.CODE, JobType.NAME)),
        null,
        e.status().code(),
        summary(e),
        e.trigger(),
        text(e.createdAt()),
        text(e.startedAt()),
        text(e.finishedAt()),
        millis(d),
        new ResultData(e.total(), e.done(), e.failed(), summary(e)),
        user(e.createdBy()),
        e.total(),
        e.done(),
        e.failed(),
        // what the execution pinned when it started; nulls for one ended before plans were kept
        p == null
            ? null
            : new PackageRef(
                p.packageId(), p.packageName(), p.packageVersionNo(), p.packageVersionId()),
        p == null ? null : p.scanPath(),
        p == null ? null : p.profileId(),
        process(e, now));
  }

  private ProcessRecord process(JobExecution e, Instant now) {
    return new ProcessRecord(
        e.id(),
        new ProcessType(PROCESS_TYPE, "security scan"),
        PROCESS_TYPE,
        "security scan of " + e.total() + " server(s)",
        e.jobName(),
        "job",
        e.status().code(),
        // morpheus-cli shows process.message || process.error as the execution's Error: progress
        // lives in statusMessage and resultData, the error only when a server failed
        null,
        e.failed() > 0 ? e.failed() + " server(s) failed" : null,
        null,
        text(e.createdAt()),
        text(e.startedAt()),
        text(e.finishedAt()),
        millis(e.duration(now)),
        null,
        user(e.createdBy()),
        null);
  }

  /** One target run of {@code e} as a Morpheus process event. */
  public EventRecord event(JobExecution e, TargetRun r) {
    return event(r, e.createdBy(), clock.instant());
  }

  private EventRecord event(TargetRun r, UserRef createdBy, Instant now) {
    return new EventRecord(
        r.id(),
        PROCESS_TYPE,
        "scan " + r.serverName(),
        "server",
        r.serverId(),
        r.serverName(),
        r.status().morpheus(),
        r.status().code(),
        r.status().active() ? executions.currentStep(r.id()).orElse(null) : null,
        r.output() != null ? r.output() : r.reason() != null ? r.reason() : output(r),
        r.attempt(),
        r.node(),
        r.rulesEvaluated(),
        r.rulesTotal(),
        null,
        r.status().failure() ? r.reason() : null,
        r.failureCode(),
        r.scanId(),
        text(r.startedAt()),
        text(r.finishedAt()),
        millis(r.duration(now)),
        user(createdBy));
  }

  private static String output(TargetRun r) {
    return r.scanId() == null ? null : "scan recorded as security scan " + r.scanId();
  }

  private static String summary(JobExecution e) {
    return e.done() + " of " + e.total() + " done, " + e.failed() + " failed";
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }

  private static UserRecord user(UserRef u) {
    return u == null ? null : new UserRecord(u.id(), u.username(), u.displayName());
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
