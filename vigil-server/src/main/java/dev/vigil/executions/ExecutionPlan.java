package dev.vigil.executions;

import dev.vigil.jobs.Job;
import dev.vigil.packages.PackageVersion;
import dev.vigil.packages.SecurityPackage;
import java.time.Duration;

/**
 * What an execution scans, pinned when it starts: the package version, checklist, profile and run
 * settings of its job at that moment. Every target run, retry, hand-back and re-run of the
 * execution uses it and nothing else, so a job edit or a package refresh reaches only later
 * executions. The servers are pinned as the execution's target runs.
 */
public record ExecutionPlan(
    long packageId,
    String packageName,
    long packageVersionId,
    int packageVersionNo,
    String scanPath,
    String profileId,
    int timeoutMinutes,
    int maxParallel,
    int retriesOnTimeout) {

  /** The plan of {@code job} scanning {@code version} of {@code pkg}. */
  static ExecutionPlan of(Job job, SecurityPackage pkg, PackageVersion version) {
    return new ExecutionPlan(
        pkg.id(),
        pkg.name(),
        version.id(),
        version.versionNo(),
        job.scanPath(),
        job.securityProfile(),
        job.options().timeoutMinutes(),
        job.options().maxParallel(),
        job.options().retriesOnTimeout());
  }

  /** Limit for one oscap run. */
  public Duration timeout() {
    return Duration.ofMinutes(timeoutMinutes);
  }
}
