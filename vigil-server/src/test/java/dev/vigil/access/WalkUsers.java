package dev.vigil.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test users for the permission walk: one with no roles, and per permission one at each of its
 * levels above none, and one with the top level of every other permission but NONE on it.
 */
final class WalkUsers {

  static final String NONE = "walk-none";
  static final String PASSWORD = "walk-password";

  private final UserAdminService users;
  private final RoleAdminService roles;
  private final TokenService tokens;
  private final Map<String, Long> ids = new HashMap<>();

  WalkUsers(UserAdminService users, RoleAdminService roles, TokenService tokens) {
    this.users = users;
    this.roles = roles;
    this.tokens = tokens;
    create(NONE, null);
    for (Permission p : Permission.values()) {
      for (Level l : p.levels().subList(1, p.levels().size())) {
        create(name(p, l), Map.of(p.code(), l.code()));
      }
      Map<String, String> others = new HashMap<>();
      for (Permission o : Permission.values()) {
        others.put(o.code(), o == p ? "none" : o.top().code());
      }
      create(othersName(p), others);
    }
  }

  static String name(Permission p, Level level) {
    return "walk-" + p.code() + "-" + level.code();
  }

  static String othersName(Permission p) {
    return "walk-not-" + p.code();
  }

  /**
   * A fresh access token of the named user (handlers may revoke the tokens they are called with).
   */
  String token(String username) {
    return tokens.issue(ids.get(username), "morph-api").accessToken();
  }

  private void create(String username, Map<String, String> levels) {
    List<UserRequest.IdRef> roleRefs = List.of();
    if (levels != null) {
      Role role = roles.create(new RoleRequest(username, null, "permission walk", levels));
      roleRefs = List.of(new UserRequest.IdRef(role.id()));
    }
    var request = new UserRequest(username, null, null, PASSWORD, true, roleRefs);
    ids.put(username, users.create(request).id());
  }
}
