package dev.vigil.web.schedules;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.jobs.JobService;
import dev.vigil.schedules.ExecuteSchedule;
import dev.vigil.schedules.ScheduleMember;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.Paging;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Provisioning → Automation → Execute Schedules: list, add, detail, edit, delete. */
@Controller
class SchedulePageController {

  /** The sortable columns, the default first. */
  private static final java.util.List<String> SORTS =
      java.util.List.of("name", "id", "cron", "enabled");

  static final String BASE = "/provisioning/automation/execute-schedules";

  private final ScheduleService schedules;
  private final CurrentUser currentUser;

  private final JobService jobs;

  SchedulePageController(ScheduleService schedules, CurrentUser currentUser, JobService jobs) {
    this.jobs = jobs;
    this.schedules = schedules;
    this.currentUser = currentUser;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String list(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String direction,
      Model model) {
    ListQuery q = Paging.query(phrase, page, sort, direction, SORTS, model);
    Paging.total(schedules.count(q), model);
    model.addAttribute("schedules", schedules.list(q));
    return "schedules/list";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String newForm(Model model) {
    return form(model, ScheduleForm.empty(), null, Map.of());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String create(ScheduleForm form, Model model, RedirectAttributes redirect) {
    try {
      String user = currentUser.current().map(UserRef::username).orElse(null);
      ExecuteSchedule s = schedules.create(form.toInput(), user);
      redirect.addFlashAttribute("notice", "Execute schedule " + s.name() + " saved.");
      return "redirect:" + BASE + "/" + s.id();
    } catch (InvalidInputException e) {
      return form(model, form, null, e.errors());
    }
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    ExecuteSchedule s = schedules.get(id);
    model.addAttribute("schedule", s);
    model.addAttribute("fires", FireTime.of(schedules.upcomingFires(s), ZoneId.of(s.timezone())));
    model.addAttribute("servers", schedules.members(id, ScheduleMember.SERVER));
    model.addAttribute("instances", schedules.members(id, ScheduleMember.INSTANCE));
    model.addAttribute("usedBy", jobs.usingSchedule(id));
    return "schedules/detail";
  }

  @GetMapping(BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String editForm(@PathVariable long id, Model model) {
    ExecuteSchedule s = schedules.get(id);
    return form(model, ScheduleForm.of(s), s, Map.of());
  }

  @PostMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String update(
      @PathVariable long id, ScheduleForm form, Model model, RedirectAttributes redirect) {
    ExecuteSchedule existing = schedules.get(id);
    try {
      schedules.update(id, form.toInput());
      redirect.addFlashAttribute("notice", "Execute schedule saved.");
      return "redirect:" + BASE + "/" + id;
    } catch (InvalidInputException e) {
      return form(model, form, existing, e.errors());
    }
  }

  @PostMapping(BASE + "/{id}/delete")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    String name = schedules.get(id).name();
    try {
      schedules.delete(id);
      redirect.addFlashAttribute("notice", "Execute schedule " + name + " deleted.");
      return "redirect:" + BASE;
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:" + BASE + "/" + id;
    }
  }

  private static String form(
      Model model, ScheduleForm form, ExecuteSchedule existing, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("schedule", existing);
    model.addAttribute("errors", errors);
    model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
    return "schedules/form";
  }
}
