package dev.vigil.access;

import java.time.Instant;

/** A stored access/refresh token pair (hashes only) of one user and client. */
record ApiToken(
    long id,
    long userId,
    String clientId,
    Instant accessExpiresAt,
    Instant refreshExpiresAt,
    Instant revokedAt) {}
