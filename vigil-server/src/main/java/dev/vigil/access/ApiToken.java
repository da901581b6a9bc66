package dev.vigil.access;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored access/refresh token pair (hashes only) of one user and client. */
record ApiToken(
    long id,
    long userId,
    String clientId,
    Instant accessExpiresAt,
    Instant refreshExpiresAt,
    @Nullable Instant revokedAt) {}
