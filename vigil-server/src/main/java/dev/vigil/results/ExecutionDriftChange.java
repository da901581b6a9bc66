package dev.vigil.results;

/** One server's change of one rule between a job's two executions, with the two scans compared. */
public record ExecutionDriftChange(
    long serverId,
    String serverName,
    String before,
    String after,
    ScanDiffKind kind,
    long beforeScanId,
    long afterScanId) {}
