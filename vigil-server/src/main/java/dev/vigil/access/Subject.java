package dev.vigil.access;

import java.util.List;

/** The signed-in user of the current request, with roles and resulting grants. */
public record Subject(User user, List<Role> roles, Grants grants) {

  public boolean allows(Permission permission, Level level) {
    return grants.level(permission).allows(level);
  }
}
