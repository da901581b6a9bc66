package dev.vigil.results;

import dev.vigil.scap.arf.ScanReport;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished scan to record: the server and package it concerns (ids and names at the time), the
 * parsed report, the ARF and HTML report files to store, and the job run that made it. {@code
 * recordedJobId} is the job's id as the run knew it, kept as {@code recorded_job_id} also when the
 * origin's live job link is null because the job was deleted while its execution ran; it defaults
 * to the origin's job. {@code tailoring} is the tailoring the scan was made with (null for none;
 * {@code profileId} is then the tailored profile's).
 */
public record NewScan(
    long serverId,
    String serverName,
    long packageId,
    String packageName,
    Long packageVersionId,
    String checklistPath,
    String profileId,
    ScanReport report,
    Path arfFile,
    Path reportHtml,
    String oscapVersion,
    Instant startedAt,
    Instant finishedAt,
    String createdBy,
    ScanOrigin origin,
    Long recordedJobId,
    ScanTailoring tailoring) {

  /** A scan of a shipped profile. */
  public NewScan(
      long serverId,
      String serverName,
      long packageId,
      String packageName,
      Long packageVersionId,
      String checklistPath,
      String profileId,
      ScanReport report,
      Path arfFile,
      Path reportHtml,
      String oscapVersion,
      Instant startedAt,
      Instant finishedAt,
      String createdBy,
      ScanOrigin origin,
      Long recordedJobId) {
    this(
        serverId,
        serverName,
        packageId,
        packageName,
        packageVersionId,
        checklistPath,
        profileId,
        report,
        arfFile,
        reportHtml,
        oscapVersion,
        startedAt,
        finishedAt,
        createdBy,
        origin,
        recordedJobId,
        null);
  }

  public NewScan {
    origin = origin == null ? ScanOrigin.NONE : origin;
    recordedJobId = recordedJobId == null ? origin.jobId() : recordedJobId;
  }

  /** A scan whose recorded job is its origin's job. */
  public NewScan(
      long serverId,
      String serverName,
      long packageId,
      String packageName,
      Long packageVersionId,
      String checklistPath,
      String profileId,
      ScanReport report,
      Path arfFile,
      Path reportHtml,
      String oscapVersion,
      Instant startedAt,
      Instant finishedAt,
      String createdBy,
      ScanOrigin origin) {
    this(
        serverId,
        serverName,
        packageId,
        packageName,
        packageVersionId,
        checklistPath,
        profileId,
        report,
        arfFile,
        reportHtml,
        oscapVersion,
        startedAt,
        finishedAt,
        createdBy,
        origin,
        null);
  }
}
