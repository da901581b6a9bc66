package dev.vigil.access;

import java.util.Map;

/** A named set of permission levels; built-in roles are seeded by the migration. */
public record Role(long id, String name, String description, boolean builtIn, Grants grants) {

  static final String ADMINISTRATOR = "Administrator";

  boolean isAdministrator() {
    return builtIn && ADMINISTRATOR.equals(name);
  }

  public Map<String, String> permissionCodes() {
    return grants.codes();
  }
}
