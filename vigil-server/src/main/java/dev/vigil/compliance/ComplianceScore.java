package dev.vigil.compliance;

import java.time.Instant;

/** One scan on a pair's trend: when it finished, its score (and maximum) and its failed rules. */
public record ComplianceScore(
    long scanId, Instant finishedAt, Double score, Double scoreMax, int failCount) {}
