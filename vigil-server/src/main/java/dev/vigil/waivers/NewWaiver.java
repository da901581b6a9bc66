package dev.vigil.waivers;

import java.time.Instant;
import java.util.List;

/**
 * A waiver request, as typed by its requester (the API's or the form's fields); null means not
 * given. {@link WaiverService#request} checks it.
 */
public record NewWaiver(
    String name,
    String reason,
    String ticket,
    Instant expiresAt,
    List<String> ruleIds,
    WaiverScopeType scopeType,
    Long scopeId,
    String scopeLabel,
    String benchmarkId,
    String profileId) {}
