package dev.vigil.waivers;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A waiver request, as typed by its requester (the API's or the form's fields); null means not
 * given. {@link WaiverService#request} checks it.
 */
public record NewWaiver(
    String name,
    String reason,
    @Nullable String ticket,
    Instant expiresAt,
    List<String> ruleIds,
    WaiverScopeType scopeType,
    @Nullable Long scopeId,
    @Nullable String scopeLabel,
    @Nullable String benchmarkId,
    @Nullable String profileId) {}
