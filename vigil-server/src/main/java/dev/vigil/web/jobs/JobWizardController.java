package dev.vigil.web.jobs;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The three-step add wizard: type and name → details → review → COMPLETE. Its state travels in
 * hidden fields; each step is checked by the same validation as the API, writing nothing until
 * COMPLETE.
 */
@Controller
class JobWizardController {

  static final String NEW = JobPageController.BASE + "/new";
  private static final Set<String> STEP_ONE = Set.of("type", "name");

  private final JobService jobs;
  private final JobFormModel forms;
  private final CurrentUser currentUser;

  JobWizardController(JobService jobs, JobFormModel forms, CurrentUser currentUser) {
    this.jobs = jobs;
    this.forms = forms;
    this.currentUser = currentUser;
  }

  @GetMapping(NEW)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String typeAndName(JobForm form, Model model) {
    return step(model, 1, form.name() == null ? JobForm.empty() : form, Map.of());
  }

  @PostMapping(NEW + "/back")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String backToTypeAndName(JobForm form, Model model) {
    return step(model, 1, form, Map.of());
  }

  @PostMapping(NEW + "/details")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String afterTypeAndName(JobForm form, Model model) {
    Map<String, String> errors = stepOneErrors(problems(form));
    return step(model, errors.isEmpty() ? 2 : 1, forms.settle(form), errors);
  }

  @GetMapping(NEW + "/details")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String details(JobForm form, Model model) {
    return step(model, 2, forms.settle(form), Map.of());
  }

  @PostMapping(NEW + "/review")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String review(JobForm form, Model model) {
    Map<String, String> errors = problems(form);
    return step(model, errors.isEmpty() ? 3 : stepOf(errors), form, errors);
  }

  @PostMapping(JobPageController.BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String complete(JobForm form, Model model, RedirectAttributes redirect) {
    try {
      Job j = jobs.create(form.toInput(), currentUser.current().orElse(null));
      redirect.addFlashAttribute("notice", "Job " + j.name() + " saved.");
      return "redirect:" + JobPageController.BASE + "/" + j.id();
    } catch (InvalidInputException e) {
      return step(model, stepOf(e.errors()), form, e.errors());
    }
  }

  private Map<String, String> problems(JobForm form) {
    try {
      jobs.check(form.toInput());
      return Map.of();
    } catch (InvalidInputException e) {
      return e.errors();
    }
  }

  private static Map<String, String> stepOneErrors(Map<String, String> all) {
    Map<String, String> errors = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (STEP_ONE.contains(k)) {
            errors.put(k, v);
          }
        });
    return errors;
  }

  private static int stepOf(Map<String, String> errors) {
    return errors.keySet().stream().anyMatch(STEP_ONE::contains) ? 1 : 2;
  }

  private String step(Model model, int step, JobForm form, Map<String, String> errors) {
    forms.fill(model, form, errors);
    model.addAttribute("step", step);
    if (step == 3) {
      forms.names(model, form);
    }
    return "jobs/wizard";
  }
}
