package dev.vigil.jobs.web;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.ExecutionStatistics;
import dev.vigil.executions.ExecutionStats;
import dev.vigil.executions.JobExecution;
import dev.vigil.executions.web.ExecutionJson;
import dev.vigil.firing.FireService;
import dev.vigil.firing.web.FireJson;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.web.ApiController;
import dev.vigil.web.ConflictException;
import dev.vigil.web.InvalidInputException;
import dev.vigil.web.JsonBody;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /api/jobs}: Morpheus-compatible CRUD of security scan jobs. */
@ApiController
class JobApiController {

  private static final String BASE = "/api/jobs";
  private static final int DEFAULT_EXEC_COUNT = 3;
  private static final int SHOWN_FIRES = 10;
  private static final JobQuery ALL_JOBS =
      new JobQuery(ListQuery.from(Map.of()), List.of(), List.of());

  private final JobService jobs;
  private final JobJson json;
  private final CurrentUser currentUser;
  private final ExecutionService executions;
  private final ExecutionJson executionJson;
  private final FireService fires;
  private final ExecutionStatistics statistics;

  JobApiController(
      JobService jobs,
      JobJson json,
      CurrentUser currentUser,
      ExecutionService executions,
      ExecutionJson executionJson,
      FireService fires,
      ExecutionStatistics statistics) {
    this.jobs = jobs;
    this.json = json;
    this.currentUser = currentUser;
    this.executions = executions;
    this.executionJson = executionJson;
    this.fires = fires;
    this.statistics = statistics;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    JobQuery q =
        new JobQuery(ListQuery.from(params), values(params, "labels"), values(params, "allLabels"));
    List<Map<String, Object>> items = jobs.list(q).stream().map(json::record).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobs", items);
    m.put("stats", stats());
    m.put("meta", Meta.of(q.list(), items.size(), jobs.count(q)));
    return m;
  }

  /** The "Execution Stats - Last 7 Days" of {@code jobs list}: every job, UTC days. */
  private Map<String, Object> stats() {
    ExecutionStats s = statistics.lastSevenDays();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobCount", jobs.count(ALL_JOBS));
    m.put("todayCount", s.todayCount());
    m.put("executionsPerDay", s.executionsPerDay());
    m.put("execCount", s.execCount());
    m.put("execSuccess", s.execSuccess());
    m.put("execSuccessRate", s.execSuccessRate());
    m.put("execFailed", s.execFailed());
    m.put("execFailedRate", s.execFailedRate());
    return m;
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> get(@PathVariable long id, HttpServletRequest request) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(JobBody.KEY, json.record(jobs.get(id)));
    m.put("executions", executions(id, request.getParameterMap()));
    m.put("fires", fires.recent(id, SHOWN_FIRES).stream().map(FireJson::record).toList());
    return m;
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
    boolean run = runRequested(body);
    return saved(jobs.create(JobBody.input(body), currentUser.current().orElse(null)), run);
  }

  @PutMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> update(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    jobs.get(id);
    boolean run = runRequested(body);
    return saved(jobs.update(id, JobBody.input(body)), run);
  }

  @PutMapping(BASE + "/{id}/execute")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> execute(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    JobExecution e = executions.execute(id, "api", currentUser.current().orElse(null));
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("id", e.id());
    execution.put("processId", e.id());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    m.put(JobBody.KEY, Map.of("id", id));
    m.put("jobExecution", execution);
    return m;
  }

  @DeleteMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    jobs.delete(id);
    return Map.of("success", true);
  }

  /** The job's latest {@code includeExecCount} (default 3) executions and their total. */
  private Map<String, Object> executions(long jobId, Map<String, String[]> params) {
    String count = ListQuery.text(params, "includeExecCount");
    int max = count != null && count.matches("[0-9]{1,6}") ? Integer.parseInt(count) : 0;
    return executionJson.ofJob(jobId, max > 0 ? max : DEFAULT_EXEC_COUNT);
  }

  /**
   * Morpheus's {@code run} flag ({@code jobs add -R on}): execute the job once it is saved. Read
   * before anything is saved, so that a malformed value is a 400 with nothing written.
   */
  private static boolean runRequested(Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, JobBody.KEY);
    Boolean run = json.bool("run");
    json.finish("Unable to save job");
    return Boolean.TRUE.equals(run);
  }

  /**
   * The saved job; with {@code run}, executed first and its execution added. A job that cannot run
   * now (no servers, or already running) stays saved: the answer says why it did not run.
   */
  private Map<String, Object> saved(Job j, boolean run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    if (run) {
      try {
        JobExecution e = executions.execute(j.id(), "api", currentUser.current().orElse(null));
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("id", e.id());
        execution.put("processId", e.id());
        m.put("jobExecution", execution);
      } catch (InvalidInputException | ConflictException e) {
        m.put("msg", "Job saved but not run: " + e.getMessage());
      }
    }
    m.put(JobBody.KEY, json.record(j));
    return m;
  }

  private static List<String> values(Map<String, String[]> params, String key) {
    String[] v = params.get(key);
    return v == null
        ? List.of()
        : Arrays.stream(v).filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
  }
}
