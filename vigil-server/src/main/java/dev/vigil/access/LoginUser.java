package dev.vigil.access;

import java.util.List;
import org.springframework.security.core.userdetails.User;

/** The principal of a form-login session; carries the user id so a rename keeps the session. */
class LoginUser extends User {
  private final long userId;

  LoginUser(long userId, String username, String passwordHash, boolean enabled) {
    super(username, passwordHash, enabled, true, true, true, List.of());
    this.userId = userId;
  }

  long userId() {
    return userId;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
