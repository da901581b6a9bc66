package dev.vigil.jobs.web;

import dev.vigil.access.UserRef;
import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobExecution;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.jobs.JobTarget;
import dev.vigil.jobs.JobType;
import dev.vigil.jobs.TargetType;
import dev.vigil.packages.PackageService;
import dev.vigil.web.ListQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders jobs in the Morpheus job record shape plus Vigil's run options. */
@Component
class JobJson {

  private final JobService jobs;
  private final PackageService packages;
  private final ExecutionService executions;

  JobJson(JobService jobs, PackageService packages, ExecutionService executions) {
    this.jobs = jobs;
    this.packages = packages;
    this.executions = executions;
  }

  /** Morpheus's type object of a security scan job. */
  static Map<String, Object> type() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", JobType.ID);
    m.put("code", JobType.CODE);
    m.put("name", JobType.NAME);
    return m;
  }

  Map<String, Object> record(Job j) {
    String packageName = packages.get(j.packageId()).name();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("name", j.name());
    m.put("labels", j.labels());
    m.put("type", type());
    m.put("securityPackage", Map.of("id", j.packageId(), "name", packageName));
    m.put("scanPath", j.scanPath());
    m.put("securityProfile", j.securityProfile());
    m.put(
        "securityTailoring",
        j.securityTailoringId() == null ? null : Map.of("id", j.securityTailoringId()));
    m.put("jobSummary", packageName);
    m.put("scheduleMode", j.scheduleModeCode());
    m.put("dateTime", time(j.dateTime()));
    m.put("enabled", j.enabled());
    m.put("status", null);
    m.put("description", j.description());
    runs(j, m);
    m.put("targetType", j.targetType().code());
    m.put("targets", targets(j));
    m.put("serverLabel", j.targetType() == TargetType.SERVER_LABEL ? j.targetLabel() : null);
    m.put("instanceLabel", j.targetType() == TargetType.INSTANCE_LABEL ? j.targetLabel() : null);
    m.put("customConfig", null);
    m.put("customOptions", null);
    m.put("timeoutMinutes", j.options().timeoutMinutes());
    m.put("maxParallel", j.options().maxParallel());
    m.put("retriesOnTimeout", j.options().retriesOnTimeout());
    m.put("keepMinDays", j.options().keepMinDays());
    m.put("deleteAfterDays", j.options().deleteAfterDays());
    m.put("dateCreated", time(j.createdAt()));
    m.put("lastUpdated", time(j.updatedAt()));
    return m;
  }

  /** The run fields: the latest execution's start and status, and the next fire. */
  private void runs(Job j, Map<String, Object> m) {
    JobExecution last =
        executions
            .list(ExecutionFilter.ofJob(j.id()), new ListQuery(1, 0, null, null, null, true))
            .stream()
            .findFirst()
            .orElse(null);
    m.put("lastRun", last == null ? null : time(last.createdAt()));
    m.put("lastResult", last == null ? null : last.status().code());
    m.put("nextFire", jobs.nextFire(j).map(Instant::toString).orElse(null));
    m.put("createdBy", user(j.createdBy()));
  }

  private List<Map<String, Object>> targets(Job j) {
    Map<Long, String> names = jobs.targetNames(j);
    return j.targets().stream().map(t -> target(t, names.get(t.refId()), j)).toList();
  }

  private static Map<String, Object> target(JobTarget t, String name, Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", name);
    m.put("targetType", j.targetType().code());
    m.put("refId", t.refId());
    return m;
  }

  private static Map<String, Object> user(UserRef u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("username", u.username());
    m.put("displayName", u.displayName());
    return m;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
