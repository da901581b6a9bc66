package dev.vigil.web.jobs;

import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobExecution;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.jobs.ScheduleMode;
import dev.vigil.packages.PackageService;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.web.Times;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Makes the page views of jobs and the names the review step shows. */
@Component
class JobViews {

  private final JobService jobs;
  private final PackageService packages;
  private final ScheduleService schedules;

  private final ExecutionService executions;

  JobViews(
      JobService jobs,
      PackageService packages,
      ScheduleService schedules,
      ExecutionService executions) {
    this.jobs = jobs;
    this.packages = packages;
    this.schedules = schedules;
    this.executions = executions;
  }

  JobView of(Job j) {
    Map<Long, String> names = jobs.targetNames(j);
    List<String> targets =
        j.refIds().stream().map(id -> names.getOrDefault(id, "#" + id + " (gone)")).toList();
    JobExecution last =
        executions
            .list(ExecutionFilter.ofJob(j.id()), new ListQuery(1, 0, null, null, null, true))
            .stream()
            .findFirst()
            .orElse(null);
    return new JobView(
        j,
        packages.get(j.packageId()).name(),
        schedule(j),
        targets,
        jobs.nextFire(j).orElse(null),
        last);
  }

  private String schedule(Job j) {
    if (j.scheduleMode() == ScheduleMode.MANUAL) {
      return "Manual";
    }
    if (j.scheduleMode() == ScheduleMode.DATE_TIME) {
      return "Date and Time: " + Times.utc(j.dateTime());
    }
    return scheduleName(j.scheduleId());
  }

  /** The name of an execute schedule, or "#id" when it is gone. */
  String scheduleName(Long id) {
    try {
      return schedules.get(id).name();
    } catch (NotFoundException e) {
      return "#" + id;
    }
  }

  /** The name of a package, or "#id" when there is none. */
  String packageName(String id) {
    try {
      return packages.get(Long.parseLong(id)).name();
    } catch (NotFoundException | NumberFormatException e) {
      return "#" + id;
    }
  }
}
