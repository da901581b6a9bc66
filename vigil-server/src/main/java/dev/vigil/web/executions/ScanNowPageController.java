package dev.vigil.web.executions;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobAlreadyRunning;
import dev.vigil.executions.JobExecution;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.jobs.TargetType;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Scan now" from a server's Security tab: the user picks a job (its package, checklist and
 * profile), and a one-off execution of that job scans this server alone ({@link
 * ExecutionService#executeOn}). Jobs that already target the server are offered first.
 */
@Controller
class ScanNowPageController {

  static final String PATH = "/infrastructure/servers/{id}/security/scan-now";
  private static final ListQuery ALL = new ListQuery(ListQuery.ALL, 0, null, null, "name", false);

  private final ExecutionService executions;
  private final JobService jobs;
  private final ServerService servers;
  private final CurrentUser currentUser;

  ScanNowPageController(
      ExecutionService executions,
      JobService jobs,
      ServerService servers,
      CurrentUser currentUser) {
    this.executions = executions;
    this.jobs = jobs;
    this.servers = servers;
    this.currentUser = currentUser;
  }

  /** A job as the picker shows it: does it already scan this server? */
  record Offer(Job job, boolean targetsServer) {}

  @GetMapping(PATH)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String pick(@PathVariable long id, Model model) {
    Server server = servers.get(id);
    List<Offer> offers =
        jobs.list(new JobQuery(ALL, List.of(), List.of())).stream()
            .map(j -> new Offer(j, targets(j, server)))
            .sorted(Comparator.comparing((Offer o) -> !o.targetsServer()))
            .toList();
    model.addAttribute("server", server);
    model.addAttribute("offers", offers);
    return "executions/scan-now";
  }

  @PostMapping(PATH)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String scan(
      @PathVariable long id,
      @RequestParam(required = false) String jobId,
      Model model,
      RedirectAttributes redirect) {
    Server server = servers.get(id);
    if (jobId == null || !jobId.trim().matches("[0-9]{1,18}")) {
      model.addAttribute(
          "problem", "Job: choose the job whose checklist and profile to scan with.");
      return pick(id, model);
    }
    try {
      JobExecution e =
          executions.executeOn(
              Long.parseLong(jobId.trim()),
              server.id(),
              "manual",
              currentUser.current().orElse(null));
      redirect.addFlashAttribute("queued", "Scan of " + server.name() + " queued.");
      return "redirect:" + ExecutionPageController.BASE + "/" + e.id();
    } catch (JobAlreadyRunning busy) {
      redirect.addFlashAttribute("problem", busy.getMessage() + "; nothing new was started.");
      return "redirect:" + ExecutionPageController.BASE + "/" + busy.executionId();
    } catch (ConflictException | InvalidInputException refused) {
      model.addAttribute("problem", refused.getMessage());
      return pick(id, model);
    }
  }

  private static boolean targets(Job j, Server s) {
    if (j.targetType() == TargetType.SERVER) {
      return j.refIds().contains(s.id());
    }
    return j.targetType() == TargetType.SERVER_LABEL && s.labels().contains(j.targetLabel());
  }
}
