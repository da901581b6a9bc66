package dev.vigil.access;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user as the API shows it: never the password hash. Morpheus clients read the name as {@code
 * firstName}/{@code lastName}, roles by {@code authority} and the tenant as {@code account.name}.
 */
public record UserView(
    long id,
    String username,
    @Nullable String displayName,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String email,
    boolean enabled,
    AccountRef account,
    List<RoleRef> roles,
    Instant dateCreated,
    Instant lastUpdated) {

  /** Vigil has one tenant; Morpheus clients show its name. */
  static final AccountRef ACCOUNT = new AccountRef(1, "Vigil");

  public static UserView of(User u, List<Role> roles) {
    String[] names = split(u.displayName());
    return new UserView(
        u.id(),
        u.username(),
        u.displayName(),
        names[0],
        names[1],
        u.email(),
        u.enabled(),
        ACCOUNT,
        roles.stream().map(r -> new RoleRef(r.id(), r.name(), r.name())).toList(),
        u.createdAt().toInstant(),
        u.updatedAt().toInstant());
  }

  /** The display name split at its first space into first and last name; nulls when none. */
  private static @Nullable String[] split(@Nullable String displayName) {
    if (displayName == null || displayName.isBlank()) {
      return new String[] {null, null};
    }
    String[] parts = displayName.strip().split("\\s+", 2);
    return new String[] {parts[0], parts.length > 1 ? parts[1] : null};
  }

  /** A role named in a user record; {@code authority} is Morpheus's name for the role's name. */
  record RoleRef(long id, String name, String authority) {}

  /** The tenant a user belongs to. */
  record AccountRef(long id, String name) {}
}
