package dev.vigil.access;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A named set of permission levels; built-in roles are seeded by the migration. */
public record Role(
    long id, String name, @Nullable String description, boolean builtIn, Grants grants) {

  static final String ADMINISTRATOR = "Administrator";

  boolean isAdministrator() {
    return builtIn && ADMINISTRATOR.equals(name);
  }

  public Map<String, String> permissionCodes() {
    return grants.codes();
  }
}
