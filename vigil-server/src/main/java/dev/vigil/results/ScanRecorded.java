package dev.vigil.results;

/**
 * Published (a Spring application event) inside the transaction that records a scan; listeners that
 * act on it use {@code @TransactionalEventListener}, so they see only committed scans.
 *
 * @param scanId the new scan
 * @param serverId its server (null for a scan without one)
 */
public record ScanRecorded(long scanId, Long serverId) {}
