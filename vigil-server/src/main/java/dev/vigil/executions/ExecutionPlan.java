package dev.vigil.executions;

import dev.vigil.jobs.Job;
import dev.vigil.packages.PackageVersion;
import dev.vigil.packages.SecurityPackage;
import java.time.Duration;

/**
 * What an execution scans, pinned when it starts: the package version, checklist, profile,
 * tailoring version (null without a tailoring; {@code profileId} is then its base) and run settings
 * of its job at that moment. Every target run, retry, hand-back and re-run of the execution uses it
 * and nothing else, so a job edit or a package refresh reaches only later executions. The servers
 * are pinned as the execution's target runs.
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
    int retriesOnTimeout,
    Long tailoringId,
    Integer tailoringVersion) {

  /** A plan that scans a shipped profile. */
  public ExecutionPlan(
      long packageId,
      String packageName,
      long packageVersionId,
      int packageVersionNo,
      String scanPath,
      String profileId,
      int timeoutMinutes,
      int maxParallel,
      int retriesOnTimeout) {
    this(
        packageId,
        packageName,
        packageVersionId,
        packageVersionNo,
        scanPath,
        profileId,
        timeoutMinutes,
        maxParallel,
        retriesOnTimeout,
        null,
        null);
  }

  /**
   * The plan of {@code job} scanning {@code version} of {@code pkg}, with version {@code
   * tailoringVersion} of the job's tailoring (null when it has none).
   */
  static ExecutionPlan of(
      Job job, SecurityPackage pkg, PackageVersion version, Integer tailoringVersion) {
    return new ExecutionPlan(
        pkg.id(),
        pkg.name(),
        version.id(),
        version.versionNo(),
        job.scanPath(),
        job.securityProfile(),
        job.options().timeoutMinutes(),
        job.options().maxParallel(),
        job.options().retriesOnTimeout(),
        tailoringVersion == null ? null : job.securityTailoringId(),
        tailoringVersion);
  }

  /** Limit for one oscap run. */
  public Duration timeout() {
    return Duration.ofMinutes(timeoutMinutes);
  }
}
