package dev.vigil.inventory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored login for servers, without its secret: the secret stays encrypted in the database and is
 * decrypted only to connect.
 */
public record Credential(
    long id,
    String name,
    CredentialType type,
    String username,
    @Nullable String keyFingerprint,
    @Nullable String updatedBy,
    Instant createdAt,
    Instant updatedAt) {}
