package dev.vigil.access;

import java.util.List;
import java.util.Objects;
import org.springframework.util.MultiValueMap;

/** The fields of the user page form, as typed (kept when the form is shown again). */
public record UserForm(
    String username,
    String displayName,
    String email,
    String password,
    boolean enabled,
    List<Long> roleIds) {

  public static UserForm empty() {
    return new UserForm("", "", "", "", true, List.of());
  }

  public static UserForm of(UserView u) {
    String email = u.email() == null ? "" : u.email();
    String display = u.displayName() == null ? "" : u.displayName();
    List<Long> roles = u.roles().stream().map(UserView.RoleRef::id).toList();
    return new UserForm(u.username(), display, email, "", u.enabled(), roles);
  }

  public static UserForm from(MultiValueMap<String, String> params) {
    List<String> ids = params.getOrDefault("roleIds", List.of());
    return new UserForm(
        text(params, "username"),
        text(params, "displayName"),
        text(params, "email"),
        text(params, "password"),
        params.containsKey("enabled"),
        ids.stream()
            .filter(Objects::nonNull)
            .map(UserForm::parseId)
            .filter(Objects::nonNull)
            .toList());
  }

  public boolean hasRole(long id) {
    return roleIds.contains(id);
  }

  public UserRequest toRequest() {
    List<UserRequest.IdRef> roles = roleIds.stream().map(UserRequest.IdRef::new).toList();
    return new UserRequest(username, displayName, email, password, enabled, roles);
  }

  private static String text(MultiValueMap<String, String> params, String key) {
    String v = params.getFirst(key);
    return v == null ? "" : v;
  }

  private static Long parseId(String s) {
    try {
      return Long.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return -1L;
    }
  }
}
