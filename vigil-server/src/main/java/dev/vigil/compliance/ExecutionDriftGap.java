package dev.vigil.compliance;

/**
 * A server of either execution that could not be compared, and why: no scan in one of them, or
 * scans of different benchmarks. A scan id is null where there is no scan.
 */
public record ExecutionDriftGap(
    long serverId, String serverName, Long beforeScanId, Long afterScanId, String reason) {}
