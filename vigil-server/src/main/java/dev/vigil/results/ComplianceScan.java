package dev.vigil.results;

import java.time.Instant;

/**
 * The few facts of a scan that compliance needs: when it finished, its score and counts, whether
 * any rule applied, and the job that made it.
 */
public record ComplianceScan(
    long id,
    long serverId,
    String profileId,
    String benchmarkId,
    Instant scanDate,
    Double score,
    int passCount,
    int failCount,
    int errorCount,
    boolean notApplicable,
    Long jobId,
    String jobName) {}
