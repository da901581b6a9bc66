package dev.vigil.compliance;

import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * A server's standing against one (benchmark, profile) pair: the ids and titles (a title is null
 * when neither the scan nor the package index knows it; the benchmark id is null only for a job
 * whose checklist is not indexed), its status, the latest scan (null when never scanned), the job
 * that governs it (the latest scan's job, else a job that targets the server with this pair; null
 * for neither), when its latest failed run ended, and when the scan turns stale; how many of the
 * latest scan's failures approved, unexpired waivers cover now, and the latest scan's score with
 * them ({@code score}) and as oscap wrote it ({@code scoreWithoutWaivers}). The status is decided
 * with the waivers.
 */
public record ComplianceProfile(
    String profileId,
    String benchmarkId,
    String profileTitle,
    String benchmarkTitle,
    Long jobId,
    String jobName,
    ComplianceStatus status,
    ComplianceScan lastScan,
    Instant lastFailure,
    Duration staleAfter,
    Instant staleAt,
    int waivedCount,
    Double score,
    Double scoreWithoutWaivers) {}
