package dev.vigil.access;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A stored user account; the password hash never leaves this package. */
public record User(
    long id,
    String username,
    @Nullable String displayName,
    @Nullable String email,
    String passwordHash,
    boolean enabled,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  UserRef ref() {
    return new UserRef(id, username, displayName == null ? username : displayName);
  }
}
