package dev.vigil.results;

import java.time.Instant;

/**
 * The few facts of a scan that compliance needs: its benchmark and profile (ids and titles, null
 * when unknown), when it finished, its score and counts ({@code passCount} includes fixed), whether
 * every selected rule was notapplicable, and the job that made it.
 */
public record ComplianceScan(
    long id,
    long serverId,
    String profileId,
    String benchmarkId,
    String profileTitle,
    String benchmarkTitle,
    Instant scanDate,
    Double score,
    int passCount,
    int failCount,
    int errorCount,
    int unknownCount,
    int notcheckedCount,
    int notapplicableCount,
    boolean notApplicable,
    Long jobId,
    String jobName) {}
