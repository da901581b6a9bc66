package dev.vigil.compliance;

/**
 * One server's change of one rule between a job's two executions, with the two scans compared;
 * {@code afterWaiverId} names the approved, unexpired waiver that covers an after {@code fail} now
 * (null when none: the result is shown as oscap wrote it either way).
 */
public record ExecutionDriftChange(
    long serverId,
    String serverName,
    String before,
    String after,
    ScanDiffKind kind,
    long beforeScanId,
    long afterScanId,
    Long afterWaiverId) {}
