package dev.vigil.access;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never the password hash. */
record UserView(
    long id,
    String username,
    String displayName,
    String email,
    boolean enabled,
    List<RoleRef> roles,
    Instant dateCreated,
    Instant lastUpdated) {

  static UserView of(User u, List<Role> roles) {
    return new UserView(
        u.id(),
        u.username(),
        u.displayName(),
        u.email(),
        u.enabled(),
        roles.stream().map(r -> new RoleRef(r.id(), r.name())).toList(),
        u.createdAt().toInstant(),
        u.updatedAt().toInstant());
  }

  /** A role named in a user record. */
  record RoleRef(long id, String name) {}
}
