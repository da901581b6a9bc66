package dev.vigil.web.executions;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ExecutionDrift;
import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.ExecutionStatus;
import dev.vigil.executions.JobAlreadyRunning;
import dev.vigil.executions.JobExecution;
import dev.vigil.executions.TargetRun;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.results.ResultService;
import dev.vigil.results.SecurityScan;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.Sorting;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Provisioning → Jobs → Job Executions: the list, one execution's servers, and MORE → Execute. */
@Controller
class ExecutionPageController {

  /** The sortable columns of the list. */
  private static final List<String> SORTS = List.of("id", "name", "status", "startDate");

  static final String BASE = "/provisioning/jobs/executions";
  private static final int PAGE_SIZE = 25;

  private final ExecutionService executions;
  private final CurrentUser currentUser;
  private final Clock clock;
  private final ExecutionDrift drift;
  private final ResultService results;
  private final JobService jobs;

  ExecutionPageController(
      ExecutionService executions,
      CurrentUser currentUser,
      Clock clock,
      ExecutionDrift drift,
      ResultService results,
      JobService jobs) {
    this.jobs = jobs;
    this.executions = executions;
    this.currentUser = currentUser;
    this.clock = clock;
    this.drift = drift;
    this.results = results;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String list(
      @RequestParam(required = false) Long jobId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String startDate,
      @RequestParam(required = false) String endDate,
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String direction,
      Model model,
      HttpServletResponse response) {
    int current = Math.max(page, 0);
    keepFilter(model, jobId, status, startDate, endDate);
    // newest first unless a column header asks otherwise; a bad sort is a 400 naming it
    Sorting order = Sorting.of(sort, direction, SORTS, "id", true, model);
    // the job filter is a picker of the jobs by name, not an id box
    List<Map.Entry<Long, String>> jobChoices =
        jobs
            .list(
                new JobQuery(
                    new ListQuery(ListQuery.ALL, 0, null, null, "name", false),
                    List.of(),
                    List.of()))
            .stream()
            .map(j -> Map.entry(j.id(), j.name()))
            .toList();
    model.addAttribute("jobChoices", jobChoices);
    model.addAttribute(
        "jobGone", jobId != null && jobChoices.stream().noneMatch(c -> c.getKey().equals(jobId)));
    model.addAttribute("phrase", trimmed(phrase));
    model.addAttribute("page", current);
    model.addAttribute("now", clock.instant());
    try {
      ExecutionDates dates = ExecutionDates.parse(startDate, endDate);
      ExecutionFilter f =
          new ExecutionFilter(
              jobId,
              ExecutionApiController.status(blankToNull(status)),
              dates.from(),
              dates.before(),
              blankToNull(phrase));
      ListQuery q =
          new ListQuery(PAGE_SIZE, current * PAGE_SIZE, null, null, order.by(), order.desc());
      show(model, executions.list(f, q), executions.count(f));
    } catch (InvalidInputException bad) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", String.join(" ", bad.errors().values()));
      show(model, List.of(), 0);
    }
    return "executions/list";
  }

  /** The filter form's values as given, so the form, pager and refresh keep them. */
  private static void keepFilter(
      Model model, Long jobId, String status, String startDate, String endDate) {
    model.addAttribute("jobId", jobId);
    model.addAttribute("status", trimmed(status).toLowerCase(Locale.ROOT));
    model.addAttribute("startDate", trimmed(startDate));
    model.addAttribute("endDate", trimmed(endDate));
    model.addAttribute("statuses", ExecutionStatus.values());
  }

  private void show(Model model, List<JobExecution> found, long total) {
    model.addAttribute("executions", found);
    model.addAttribute(
        "numbers", executions.jobNumbers(found.stream().map(JobExecution::id).toList()));
    model.addAttribute("total", total);
    model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
  }

  private static String trimmed(String s) {
    return s == null ? "" : s.trim();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    JobExecution e = executions.get(id);
    model.addAttribute("execution", e);
    model.addAttribute("jobNumber", executions.jobNumbers(List.of(id)).get(id));
    List<TargetRun> runs = executions.runs(id);
    model.addAttribute("runs", runs);
    Map<Long, String> steps = new HashMap<>();
    Map<Long, SecurityScan> scans = new HashMap<>();
    for (TargetRun r : runs) {
      // the step only when it says more than the state ("scanning", not "scanning (scanning)")
      executions
          .currentStep(r.id())
          .filter(step -> !step.equalsIgnoreCase(r.status().code()))
          .ifPresent(step -> steps.put(r.id(), step));
      if (r.scanId() != null) {
        scans.put(r.id(), results.get(r.scanId()));
      }
    }
    model.addAttribute("steps", steps);
    model.addAttribute("scans", scans);
    model.addAttribute("now", clock.instant());
    // drift reads every server's rules twice: only once the execution has ended, not per refresh
    model.addAttribute("drift", e.status().ended() ? drift.of(id) : null);
    return "executions/detail";
  }

  @PostMapping(BASE + "/{id}/cancel")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String cancel(@PathVariable long id, RedirectAttributes redirect) {
    try {
      executions.cancel(id, currentUser.current().orElse(null));
      redirect.addFlashAttribute("notice", "Execution cancelled.");
    } catch (ConflictException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:" + BASE + "/" + id;
  }

  @PostMapping(BASE + "/{id}/rerun")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String rerun(@PathVariable long id, RedirectAttributes redirect) {
    try {
      JobExecution e = executions.rerun(id, "manual", currentUser.current().orElse(null));
      redirect.addFlashAttribute("queued", "Re-run queued for " + e.total() + " server(s).");
      return "redirect:" + BASE + "/" + e.id();
    } catch (JobAlreadyRunning busy) {
      return toRunning(busy, redirect);
    } catch (ConflictException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
      return "redirect:" + BASE + "/" + id;
    }
  }

  @PostMapping("/provisioning/jobs/{jobId}/execute")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String execute(@PathVariable long jobId, RedirectAttributes redirect) {
    try {
      JobExecution e = executions.execute(jobId, "manual", currentUser.current().orElse(null));
      redirect.addFlashAttribute("queued", "Job queued for execution.");
      return "redirect:" + BASE + "/" + e.id();
    } catch (JobAlreadyRunning busy) {
      return toRunning(busy, redirect);
    } catch (ConflictException | InvalidInputException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
      return "redirect:/provisioning/jobs/" + jobId;
    }
  }

  /** Shows the execution that is in the way, with why nothing started. */
  private static String toRunning(JobAlreadyRunning busy, RedirectAttributes redirect) {
    redirect.addFlashAttribute("problem", busy.getMessage() + "; nothing new was started.");
    return "redirect:" + BASE + "/" + busy.executionId();
  }
}
