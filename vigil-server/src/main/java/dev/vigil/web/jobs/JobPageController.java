package dev.vigil.web.jobs;

import dev.vigil.access.Level;
import dev.vigil.access.Me;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ComplianceService;
import dev.vigil.firing.FireService;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.results.ComplianceStatus;
import dev.vigil.shared.ListQuery;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Provisioning → Jobs → Jobs: list, detail, enable/disable and delete. */
@Controller
class JobPageController {

  static final String BASE = "/provisioning/jobs";
  private static final int PAGE_SIZE = 25;
  private static final int SHOWN_FIRES = 10;
  private static final java.util.Set<String> SORTS = java.util.Set.of("id", "name", "enabled");

  private final JobService jobs;
  private final JobViews views;
  private final FireService fires;
  private final ComplianceService compliance;

  JobPageController(
      JobService jobs, JobViews views, FireService fires, ComplianceService compliance) {
    this.jobs = jobs;
    this.views = views;
    this.fires = fires;
    this.compliance = compliance;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String list(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String direction,
      Model model) {
    int current = Math.max(page, 0);
    String search = phrase == null || phrase.isBlank() ? null : phrase.trim();
    // the list is paged, so its order is the server's: sort=id|name|enabled, direction=asc|desc
    String by = sort != null && SORTS.contains(sort) ? sort : "name";
    boolean desc = "desc".equalsIgnoreCase(direction);
    JobQuery q =
        new JobQuery(
            new ListQuery(PAGE_SIZE, current * PAGE_SIZE, search, null, by, desc),
            List.of(),
            List.of());
    model.addAttribute("sort", by);
    model.addAttribute("direction", desc ? "desc" : "asc");
    long total = jobs.count(q);
    model.addAttribute("jobs", jobs.list(q).stream().map(views::of).toList());
    model.addAttribute("phrase", search == null ? "" : search);
    model.addAttribute("page", current);
    model.addAttribute("total", total);
    model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
    return "jobs/list";
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    model.addAttribute("view", views.of(jobs.get(id)));
    model.addAttribute("fires", fires.recent(id, SHOWN_FIRES));
    // its targets by status, each count a link to the servers behind it (the Hosts list filter)
    model.addAttribute("compliance", compliance.job(id).orElse(null));
    model.addAttribute("statuses", ComplianceStatus.values());
    Me me = model.getAttribute("me") instanceof Me m ? m : null;
    model.addAttribute(
        "hostsBase",
        me != null && me.canRead("infrastructure")
            ? "/infrastructure/hosts"
            : "/infrastructure/servers");
    return "jobs/detail";
  }

  @PostMapping(BASE + "/{id}/enable")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String enable(@PathVariable long id, RedirectAttributes redirect) {
    jobs.setEnabled(id, true);
    redirect.addFlashAttribute("notice", "Job enabled.");
    return "redirect:" + BASE + "/" + id;
  }

  @PostMapping(BASE + "/{id}/disable")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String disable(@PathVariable long id, RedirectAttributes redirect) {
    jobs.setEnabled(id, false);
    redirect.addFlashAttribute("notice", "Job disabled.");
    return "redirect:" + BASE + "/" + id;
  }

  @PostMapping(BASE + "/{id}/delete")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    String name = jobs.get(id).name();
    jobs.delete(id);
    redirect.addFlashAttribute("notice", "Job " + name + " deleted.");
    return "redirect:" + BASE;
  }
}
