package dev.vigil.waivers;

import org.jspecify.annotations.Nullable;

/**
 * A waiver's scope: its type and the id it names (server, instance, job) or the label; {@code name}
 * is the named record's current name (null when it no longer exists, or for a label).
 */
public record WaiverScope(
    WaiverScopeType type, @Nullable Long id, @Nullable String label, @Nullable String name) {}
