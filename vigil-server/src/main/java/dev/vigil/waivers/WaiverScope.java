package dev.vigil.waivers;

/**
 * A waiver's scope: its type and the id it names (server, instance, job) or the label; {@code name}
 * is the named record's current name (null when it no longer exists, or for a label).
 */
public record WaiverScope(WaiverScopeType type, Long id, String label, String name) {}
