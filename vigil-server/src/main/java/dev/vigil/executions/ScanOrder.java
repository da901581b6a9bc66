package dev.vigil.executions;

import dev.vigil.results.ScanOrigin;
import java.time.Duration;

/**
 * What to scan: one server with one checklist and profile of a security package version: the one an
 * execution pinned, or the package's current version when {@code packageVersionId} is null.
 *
 * @param timeout limit for the oscap run on the target (null = the engine's default)
 * @param requestedBy who asked, recorded on the scan
 * @param runTag names the scan's temporary directory on the target, so a retry of the same target
 *     run can find and remove what a dead attempt left; null for none
 * @param origin the job run the scan is for, recorded on the scan
 * @param tailoringId the tailoring to scan with (null for none; {@code profileId} is its base)
 * @param tailoringVersion the version of it the execution pinned
 * @param packageName the package's name as the execution's plan recorded it (with {@code
 *     packageVersionId}: the pinned version is then read once per node, not per run), or null
 */
public record ScanOrder(
    long serverId,
    long packageId,
    Long packageVersionId,
    String checklistPath,
    String profileId,
    Duration timeout,
    String requestedBy,
    String runTag,
    ScanOrigin origin,
    Long tailoringId,
    Integer tailoringVersion,
    String packageName) {

  public ScanOrder {
    origin = origin == null ? ScanOrigin.NONE : origin;
  }

  /** An order of a shipped profile, without a plan's package name. */
  public ScanOrder(
      long serverId,
      long packageId,
      Long packageVersionId,
      String checklistPath,
      String profileId,
      Duration timeout,
      String requestedBy,
      String runTag,
      ScanOrigin origin) {
    this(
        serverId,
        packageId,
        packageVersionId,
        checklistPath,
        profileId,
        timeout,
        requestedBy,
        runTag,
        origin,
        null,
        null,
        null);
  }

  /** An order outside any job, of the package's current version, without a run tag. */
  public ScanOrder(
      long serverId,
      long packageId,
      String checklistPath,
      String profileId,
      Duration timeout,
      String requestedBy) {
    this(serverId, packageId, null, checklistPath, profileId, timeout, requestedBy, null, null);
  }
}
