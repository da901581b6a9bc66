package dev.vigil.executions;

/**
 * Published (a Spring application event) when a scan over SSH could not reach or use its target,
 * outside any transaction: the scan failed before anything was recorded.
 *
 * @param reason the failure's code ({@code ssh_auth}, {@code host_key_mismatch}, {@code
 *     unreachable}...)
 */
public record TargetConnectionFailed(String reason) {}
