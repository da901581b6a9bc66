package dev.vigil.web.jobs;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.shared.InvalidInputException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Edits a job in one form with the wizard's pick lists. */
@Controller
class JobEditController {

  private final JobService jobs;
  private final JobFormModel forms;

  JobEditController(JobService jobs, JobFormModel forms) {
    this.jobs = jobs;
    this.forms = forms;
  }

  /** The saved job, or (after a package, checklist or context change) the values chosen. */
  @GetMapping(JobPageController.BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String edit(
      @PathVariable long id,
      @RequestParam(required = false) String refresh,
      JobForm form,
      Model model) {
    Job job = jobs.get(id);
    JobForm shown = refresh == null ? JobForm.of(job) : forms.settle(form);
    return page(model, job, shown, Map.of());
  }

  /**
   * "Update choices" without JavaScript: the edit page again with the checklists and profiles of
   * the package, checklist and targets chosen so far; nothing is saved.
   */
  @PostMapping(JobPageController.BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String updateChoices(@PathVariable long id, JobForm form, Model model) {
    return page(model, jobs.get(id), forms.settle(form), Map.of());
  }

  @PostMapping(JobPageController.BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String update(@PathVariable long id, JobForm form, Model model, RedirectAttributes redirect) {
    Job job = jobs.get(id);
    try {
      jobs.update(id, form.toInput());
      redirect.addFlashAttribute("notice", "Job saved.");
      return "redirect:" + JobPageController.BASE + "/" + id;
    } catch (InvalidInputException e) {
      return page(model, job, form, e.errors());
    }
  }

  private String page(Model model, Job job, JobForm form, Map<String, String> errors) {
    forms.fill(model, form, errors);
    model.addAttribute("job", job);
    return "jobs/edit";
  }
}
