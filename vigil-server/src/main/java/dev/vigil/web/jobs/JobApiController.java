package dev.vigil.web.jobs;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.ExecutionStatistics;
import dev.vigil.executions.ExecutionStats;
import dev.vigil.executions.JobExecution;
import dev.vigil.firing.FireService;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobInput;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.executions.ExecutionJson;
import dev.vigil.web.executions.ExecutionJson.ExecutionList;
import dev.vigil.web.firing.FireJson;
import dev.vigil.web.jobs.JobAnswers.Executed;
import dev.vigil.web.jobs.JobAnswers.JobId;
import dev.vigil.web.jobs.JobAnswers.JobList;
import dev.vigil.web.jobs.JobAnswers.JobOne;
import dev.vigil.web.jobs.JobAnswers.JobSaved;
import dev.vigil.web.jobs.JobAnswers.JobStats;
import dev.vigil.web.jobs.JobAnswers.StartedExecution;
import dev.vigil.web.jobs.JobJson.JobRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
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
  JobList list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    JobQuery q =
        new JobQuery(ListQuery.from(params), values(params, "labels"), values(params, "allLabels"));
    List<JobRecord> items = jobs.list(q).stream().map(json::record).toList();
    return new JobList(items, stats(), Meta.of(q.list(), items.size(), jobs.count(q)));
  }

  /** The "Execution Stats - Last 7 Days" of {@code jobs list}: every job, UTC days. */
  private JobStats stats() {
    ExecutionStats s = statistics.lastSevenDays();
    return new JobStats(
        jobs.count(ALL_JOBS),
        s.todayCount(),
        s.executionsPerDay(),
        s.execCount(),
        s.execSuccess(),
        s.execSuccessRate(),
        s.execFailed(),
        s.execFailedRate());
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  JobOne get(@PathVariable long id, HttpServletRequest request) {
    return new JobOne(
        json.record(jobs.get(id)),
        executions(id, request.getParameterMap()),
        fires.recent(id, SHOWN_FIRES).stream().map(FireJson::record).toList());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  JobSaved create(@RequestBody(required = false) JobBody body) {
    JobInput in = JobBody.input(body);
    JobService.Named created = jobs.createNamed(in, currentUser.current().orElse(null));
    return saved(created.job(), created.targetNames(), body.runRequested());
  }

  @PutMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  JobSaved update(@PathVariable long id, @RequestBody(required = false) JobBody body) {
    jobs.get(id);
    JobInput in = JobBody.input(body);
    return saved(jobs.update(id, in), null, body.runRequested());
  }

  @PutMapping(BASE + "/{id}/execute")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Executed execute(@PathVariable long id) {
    JobExecution e = executions.execute(id, "api", currentUser.current().orElse(null));
    return new Executed(true, new JobId(id), new StartedExecution(e.id(), e.id()));
  }

  @DeleteMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Success delete(@PathVariable long id) {
    jobs.delete(id);
    return Success.OK;
  }

  /** The job's latest {@code includeExecCount} (default 3) executions and their total. */
  private ExecutionList executions(long jobId, Map<String, String[]> params) {
    String count = ListQuery.text(params, "includeExecCount");
    int max = count != null && count.matches("[0-9]{1,6}") ? Integer.parseInt(count) : 0;
    return executionJson.ofJob(jobId, max > 0 ? max : DEFAULT_EXEC_COUNT);
  }

  /**
   * The saved job; with {@code run}, executed first and its execution added. A job that cannot run
   * now (no servers, or already running) stays saved: the answer says why it did not run.
   */
  private JobSaved saved(Job j, Map<Long, String> targetNames, boolean run) {
    StartedExecution started = null;
    String msg = null;
    if (run) {
      try {
        JobExecution e = executions.execute(j.id(), "api", currentUser.current().orElse(null));
        started = new StartedExecution(e.id(), e.id());
      } catch (InvalidInputException | ConflictException e) {
        msg = "Job saved but not run: " + e.getMessage();
      }
    }
    return new JobSaved(true, started, msg, json.record(j, targetNames));
  }

  private static List<String> values(Map<String, String[]> params, String key) {
    String[] v = params.get(key);
    return v == null
        ? List.of()
        : Arrays.stream(v).filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
  }
}
