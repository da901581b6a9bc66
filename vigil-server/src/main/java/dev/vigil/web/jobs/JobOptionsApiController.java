package dev.vigil.web.jobs;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.jobs.JobType;
import dev.vigil.packages.PackageService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.web.ApiController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The option calls the Morpheus CLI makes while it builds a job: types, packages, job options. */
@ApiController
class JobOptionsApiController {

  private final JobChoices choices;
  private final PackageService packages;

  JobOptionsApiController(JobChoices choices, PackageService packages) {
    this.choices = choices;
    this.packages = packages;
  }

  @GetMapping("/api/options/jobTypes")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  JobAnswers.Options jobTypes() {
    return new JobAnswers.Options(
        true,
        List.of(new JobAnswers.OptionItem(JobType.NAME, JobType.ID, JobType.CODE + ".jobType")));
  }

  @GetMapping("/api/options/securityPackages")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  JobAnswers.Options securityPackages() {
    return new JobAnswers.Options(
        true,
        choices.readyPackages().stream()
            .map(c -> new JobAnswers.OptionItem(c.name(), c.value(), null))
            .toList());
  }

  @GetMapping("/api/job-options/{jobTypeId}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  JobAnswers.JobOptions jobOptions(@PathVariable String jobTypeId, HttpServletRequest request) {
    if (!String.valueOf(JobType.ID).equals(jobTypeId)) {
      throw new NotFoundException("Job type", jobTypeId);
    }
    String packageId = ListQuery.text(request.getParameterMap(), "securityPackageId");
    if (packageId == null) {
      return new JobAnswers.JobOptions(
          choices.apiTargetTypes(), choices.schedules(), false, null, null);
    }
    long id = packageId(packageId);
    packages.get(id);
    return new JobAnswers.JobOptions(
        choices.apiTargetTypes(),
        choices.schedules(),
        false,
        choices.checklists(id),
        choices.profiles(id));
  }

  private static long packageId(String text) {
    if (!text.matches("[0-9]{1,18}")) {
      throw new InvalidInputException(
          "securityPackageId", "securityPackageId must be a package id, got '" + text + "'");
    }
    return Long.parseLong(text);
  }
}
