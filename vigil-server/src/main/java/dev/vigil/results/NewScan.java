package dev.vigil.results;

import dev.vigil.scap.arf.ScanReport;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished scan to record: the server and package it concerns (ids and names at the time), the
 * parsed report, and the ARF and HTML report files to store.
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
    String createdBy) {}
