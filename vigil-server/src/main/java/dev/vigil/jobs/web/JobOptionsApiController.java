package dev.vigil.jobs.web;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.jobs.JobType;
import dev.vigil.packages.PackageService;
import dev.vigil.web.ApiController;
import dev.vigil.web.InvalidInputException;
import dev.vigil.web.ListQuery;
import dev.vigil.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  Map<String, Object> jobTypes() {
    Map<String, Object> type = new LinkedHashMap<>();
    type.put("name", JobType.NAME);
    type.put("value", JobType.ID);
    type.put("code", JobType.CODE + ".jobType");
    return Map.of("success", true, "data", List.of(type));
  }

  @GetMapping("/api/options/securityPackages")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> securityPackages() {
    return Map.of("success", true, "data", choices.readyPackages());
  }

  @GetMapping("/api/job-options/{jobTypeId}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> jobOptions(@PathVariable String jobTypeId, HttpServletRequest request) {
    if (!String.valueOf(JobType.ID).equals(jobTypeId)) {
      throw new NotFoundException("Job type", jobTypeId);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("targetTypes", choices.apiTargetTypes());
    m.put("schedules", choices.schedules());
    m.put("allowCustomConfig", false);
    String packageId = ListQuery.text(request.getParameterMap(), "securityPackageId");
    if (packageId != null) {
      long id = packageId(packageId);
      packages.get(id);
      m.put("checklists", choices.checklists(id));
      m.put("profiles", choices.profiles(id));
    }
    return m;
  }

  private static long packageId(String text) {
    if (!text.matches("[0-9]{1,18}")) {
      throw new InvalidInputException(
          "securityPackageId", "securityPackageId must be a package id, got '" + text + "'");
    }
    return Long.parseLong(text);
  }
}
