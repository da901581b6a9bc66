package dev.vigil.executions;

import java.time.Duration;

/**
 * What to scan: one server with one checklist and profile of a security package's current version.
 *
 * @param timeout limit for the oscap run on the target (null = the engine's default)
 * @param requestedBy who asked, recorded on the scan
 */
public record ScanOrder(
    long serverId,
    long packageId,
    String checklistPath,
    String profileId,
    Duration timeout,
    String requestedBy) {}
