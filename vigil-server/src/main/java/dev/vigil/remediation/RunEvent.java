package dev.vigil.remediation;

import java.time.Instant;

/** One step of a remediation run: when, who (null for Vigil itself), what and why. */
public record RunEvent(Instant at, String username, String action, String detail) {}
