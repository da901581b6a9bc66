package dev.vigil.executions.web;

import dev.vigil.access.UserRef;
import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionPlan;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobExecution;
import dev.vigil.executions.TargetRun;
import dev.vigil.jobs.JobType;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** The {@code executions} object of a job: its latest {@code max} executions and the total. */
  public Map<String, Object> ofJob(long jobId, int max) {
    ListQuery q = new ListQuery(max, 0, null, null, null, true);
    List<Map<String, Object>> items =
        executions.list(ExecutionFilter.ofJob(jobId), q).stream().map(this::listItem).toList();
    return Map.of(
        "jobExecutions",
        items,
        "meta",
        Meta.of(q, items.size(), executions.count(ExecutionFilter.ofJob(jobId))));
  }

  /** One execution with its process and one event per target run. */
  public Map<String, Object> execution(JobExecution e) {
    Map<String, Object> m = listItem(e);
    @SuppressWarnings("unchecked")
    Map<String, Object> process = (Map<String, Object>) m.get("process");
    Instant now = clock.instant();
    process.put(
        "events", executions.runs(e.id()).stream().map(r -> event(r, e.createdBy(), now)).toList());
    return m;
  }

  /**
   * One execution as a list shows it: everything but the per-run {@code process.events}, so a list
   * reads no target run.
   */
  public Map<String, Object> listItem(JobExecution e) {
    Instant now = clock.instant();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("name", e.jobName());
    m.put("job", job(e));
    m.put("description", null);
    m.put("status", e.status().code());
    m.put("statusMessage", summary(e));
    m.put("trigger", e.trigger());
    times(m, e.createdAt(), e.startedAt(), e.finishedAt(), e.duration(now));
    m.put("resultData", resultData(e));
    m.put("createdBy", user(e.createdBy()));
    m.put("totalCount", e.total());
    m.put("doneCount", e.done());
    m.put("failedCount", e.failed());
    plan(m, e.plan());
    m.put("process", process(e, now));
    return m;
  }

  /** What the execution pinned when it started; nulls for one ended before plans were kept. */
  private static void plan(Map<String, Object> m, ExecutionPlan p) {
    Map<String, Object> pkg = null;
    if (p != null) {
      pkg = new LinkedHashMap<>();
      pkg.put("id", p.packageId());
      pkg.put("name", p.packageName());
      pkg.put("version", p.packageVersionNo());
      pkg.put("versionId", p.packageVersionId());
    }
    m.put("securityPackage", pkg);
    m.put("scanPath", p == null ? null : p.scanPath());
    m.put("securityProfile", p == null ? null : p.profileId());
  }

  private Map<String, Object> process(JobExecution e, Instant now) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", e.id());
    p.put("processType", Map.of("code", PROCESS_TYPE, "name", "security scan"));
    p.put("processTypeName", PROCESS_TYPE);
    p.put("description", "security scan of " + e.total() + " server(s)");
    p.put("displayName", e.jobName());
    p.put("refType", "job");
    p.put("status", e.status().code());
    // morpheus-cli shows process.message || process.error as the execution's Error: progress
    // lives in statusMessage and resultData, the error only when a server failed
    p.put("message", null);
    p.put("error", e.failed() > 0 ? e.failed() + " server(s) failed" : null);
    p.put("output", null);
    times(p, e.createdAt(), e.startedAt(), e.finishedAt(), e.duration(now));
    p.put("statusEta", null);
    p.put("createdBy", user(e.createdBy()));
    return p;
  }

  /** One target run of {@code e} as a Morpheus process event. */
  public Map<String, Object> event(JobExecution e, TargetRun r) {
    return event(r, e.createdBy(), clock.instant());
  }

  private Map<String, Object> event(TargetRun r, UserRef createdBy, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("processTypeName", PROCESS_TYPE);
    m.put("description", "scan " + r.serverName());
    m.put("refType", "server");
    m.put("refId", r.serverId());
    m.put("displayName", r.serverName());
    m.put("status", r.status().morpheus());
    m.put("targetStatus", r.status().code());
    m.put("step", r.status().active() ? executions.currentStep(r.id()).orElse(null) : null);
    m.put("output", r.output() != null ? r.output() : r.reason() != null ? r.reason() : output(r));
    m.put("attempt", r.attempt());
    m.put("node", r.node());
    m.put("rulesEvaluated", r.rulesEvaluated());
    m.put("rulesTotal", r.rulesTotal());
    m.put("message", null);
    m.put("error", r.status().failure() ? r.reason() : null);
    m.put("failureCode", r.failureCode());
    m.put("scanId", r.scanId());
    times(m, null, r.startedAt(), r.finishedAt(), r.duration(now));
    m.remove("dateCreated");
    m.put("createdBy", user(createdBy));
    return m;
  }

  private static String output(TargetRun r) {
    return r.scanId() == null ? null : "scan recorded as security scan " + r.scanId();
  }

  private static Map<String, Object> resultData(JobExecution e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", e.total());
    m.put("done", e.done());
    m.put("failed", e.failed());
    m.put("progress", summary(e));
    return m;
  }

  private static String summary(JobExecution e) {
    return e.done() + " of " + e.total() + " done, " + e.failed() + " failed";
  }

  private static Map<String, Object> job(JobExecution e) {
    Map<String, Object> type = new LinkedHashMap<>();
    type.put("id", JobType.ID);
    type.put("code", JobType.CODE);
    type.put("name", JobType.NAME);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.jobId());
    m.put("name", e.jobName());
    m.put("description", null);
    m.put("type", type);
    return m;
  }

  private static void times(
      Map<String, Object> m, Instant created, Instant start, Instant end, Duration d) {
    m.put("dateCreated", text(created));
    m.put("startDate", text(start));
    m.put("endDate", text(end));
    m.put("duration", d == null ? null : d.toMillis());
  }

  private static Map<String, Object> user(UserRef u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("username", u.username());
    m.put("displayName", u.displayName());
    return m;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
