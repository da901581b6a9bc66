package dev.vigil.results;

import dev.vigil.scap.arf.ScanReport;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished scan to record: the server and package it concerns (ids and names at the time), the
 * parsed report, the ARF and HTML report files to store, and the job run that made it.
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
    ScanOrigin origin) {

  public NewScan {
    origin = origin == null ? ScanOrigin.NONE : origin;
  }
}
