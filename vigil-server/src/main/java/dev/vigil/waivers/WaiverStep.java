package dev.vigil.waivers;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One recorded step of a waiver: requested, approved, rejected or revoked, by whom, when and why.
 * Expiry is no one's step: {@link Waiver#history(Instant)} adds it, unrecorded ({@code userId}
 * null), once it has passed.
 */
public record WaiverStep(
    String action,
    @Nullable Long userId,
    @Nullable String username,
    Instant at,
    @Nullable String reason) {}
