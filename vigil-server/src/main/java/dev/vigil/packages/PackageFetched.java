package dev.vigil.packages;

/**
 * Published (a Spring application event) when a fetch of a security package ended, after its
 * outcome was written.
 *
 * @param packageId the package
 * @param outcome {@code ready}, {@code failed} (a reason the user can act on) or {@code error}
 */
public record PackageFetched(long packageId, String outcome) {}
