package dev.vigil.results;

import java.time.Duration;
import java.time.Instant;

/**
 * A server's standing against one profile: its status, the latest scan (null when never scanned),
 * the job that governs it (the latest scan's job, else a job that targets the server with this
 * profile; null for neither), when its latest failed run ended, and when the scan turns stale.
 */
public record ComplianceProfile(
    String profileId,
    String benchmarkId,
    Long jobId,
    String jobName,
    ComplianceStatus status,
    ComplianceScan lastScan,
    Instant lastFailure,
    Duration staleAfter,
    Instant staleAt) {}
