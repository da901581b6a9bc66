package dev.vigil.web.executions;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.ExecutionStatus;
import dev.vigil.executions.TargetRun;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.executions.ExecutionJson.EventOne;
import dev.vigil.web.executions.ExecutionJson.ExecutionList;
import dev.vigil.web.executions.ExecutionJson.ExecutionOne;
import dev.vigil.web.executions.ExecutionJson.ExecutionRecord;
import dev.vigil.web.executions.ExecutionJson.ExecutionSaved;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;

/** {@code /api/job-executions}: Morpheus-compatible reads of job executions. */
@ApiController
class ExecutionApiController {

  private static final String BASE = "/api/job-executions";

  private final ExecutionService executions;
  private final ExecutionJson json;
  private final CurrentUser currentUser;
  private final JobService jobs;

  ExecutionApiController(
      ExecutionService executions, ExecutionJson json, CurrentUser currentUser, JobService jobs) {
    this.executions = executions;
    this.json = json;
    this.currentUser = currentUser;
    this.jobs = jobs;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  ExecutionList list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    ListQuery q = ListQuery.from(params);
    ExecutionDates dates =
        ExecutionDates.parse(
            ListQuery.text(params, ExecutionDates.START),
            ListQuery.text(params, ExecutionDates.END));
    Long jobId = jobId(ListQuery.text(params, "jobId"));
    ExecutionStatus status = status(ListQuery.text(params, "status"));
    if (q.name() != null) {
      Long named = jobNamed(q.name());
      if (named == null || (jobId != null && !jobId.equals(named))) {
        return new ExecutionList(List.of(), Meta.of(q, 0, 0));
      }
      jobId = named;
    }
    ExecutionFilter f =
        new ExecutionFilter(jobId, status, dates.from(), dates.before(), q.phrase());
    List<ExecutionRecord> items = executions.list(f, q).stream().map(json::listItem).toList();
    return new ExecutionList(items, Meta.of(q, items.size(), executions.count(f)));
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  ExecutionOne get(@PathVariable long id) {
    return new ExecutionOne(json.execution(executions.get(id)));
  }

  @GetMapping(BASE + "/{id}/events/{eventId}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  EventOne event(@PathVariable long id, @PathVariable long eventId) {
    TargetRun run = executions.run(id, eventId);
    return new EventOne(json.event(executions.get(id), run));
  }

  @PutMapping(BASE + "/{id}/cancel")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  ExecutionSaved cancel(@PathVariable long id) {
    return new ExecutionSaved(
        true, json.execution(executions.cancel(id, currentUser.current().orElse(null))));
  }

  @PutMapping(BASE + "/{id}/rerun")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  ExecutionSaved rerun(@PathVariable long id) {
    return new ExecutionSaved(
        true, json.execution(executions.rerun(id, "api", currentUser.current().orElse(null))));
  }

  /**
   * The id of the job named exactly {@code name} (an execution's name is its job's), or null. Job
   * names are unique, so the CLI's name look-up finds all executions of one job.
   */
  private Long jobNamed(String name) {
    List<Job> found =
        jobs.list(new JobQuery(new ListQuery(1, 0, null, name, null, false), List.of(), List.of()));
    return found.isEmpty() ? null : found.get(0).id();
  }

  /** A status code, or null; a status Vigil does not know is refused with 400. */
  static ExecutionStatus status(String v) {
    if (v == null) {
      return null;
    }
    for (ExecutionStatus s : ExecutionStatus.values()) {
      if (s.code().equalsIgnoreCase(v)) {
        return s;
      }
    }
    throw new InvalidInputException(
        "status", "status must be queued, running, complete, failed or cancelled, got '" + v + "'");
  }

  private static Long jobId(String v) {
    if (v == null) {
      return null;
    }
    if (!v.matches("[0-9]{1,18}")) {
      throw new InvalidInputException("jobId", "jobId must be a job id, got '" + v + "'");
    }
    return Long.parseLong(v);
  }
}
