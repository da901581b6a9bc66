package dev.vigil.remediation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One step of a remediation run: when, who (null for Vigil itself), what and why. */
public record RunEvent(
    Instant at, @Nullable String username, String action, @Nullable String detail) {}
