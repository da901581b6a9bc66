package dev.vigil.web.access;

import dev.vigil.access.RoleView;
import dev.vigil.access.UserView;
import dev.vigil.web.Meta;
import java.util.List;
import java.util.Map;

/** The typed answers of the access API (users, roles, whoami, ping); named in the OpenAPI. */
final class AccessAnswers {

  private AccessAnswers() {}

  /** {@code GET /api/users}. */
  record UserList(List<UserView> users, Meta meta) {}

  /** {@code GET /api/users/{id}}. */
  record UserOne(UserView user) {}

  /** A created or updated user. */
  record UserSaved(boolean success, UserView user) {}

  /** {@code GET /api/roles}. */
  record RoleList(List<RoleView> roles, Meta meta) {}

  /** {@code GET /api/roles/{id}}. */
  record RoleOne(RoleView role) {}

  /** A created or updated role. */
  record RoleSaved(boolean success, RoleView role) {}

  /** {@code GET /api/whoami}: the user, and each permission's level by code. */
  record Whoami(UserView user, boolean isMasterAccount, Map<String, String> permissions) {}

  /** {@code GET /api/ping} and {@code /api/setup/check}. */
  record Ping(boolean success, String buildVersion, boolean setupNeeded, String applianceUrl) {}
}
