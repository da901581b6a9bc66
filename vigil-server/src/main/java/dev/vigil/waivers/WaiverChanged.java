package dev.vigil.waivers;

import java.time.Instant;

/**
 * Published (a Spring application event) after the transaction that requested, approved, rejected
 * or revoked a waiver has committed; listeners such as webhooks use plain {@code @EventListener}.
 *
 * @param waiverId the waiver
 * @param name its name
 * @param action {@code requested}, {@code approved}, {@code rejected} or {@code revoked}
 * @param status its status after the step
 * @param username who took the step
 * @param at when
 * @param reason why
 * @param expiresAt the waiver's expiry
 */
public record WaiverChanged(
    long waiverId,
    String name,
    String action,
    String status,
    String username,
    Instant at,
    String reason,
    Instant expiresAt) {}
