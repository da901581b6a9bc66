package dev.vigil.access;

import java.io.Serializable;
import java.security.Principal;

/** The principal of a request authenticated with a Bearer token. */
public record TokenPrincipal(long userId, String username) implements Principal, Serializable {
  @Override
  public String getName() {
    return username;
  }
}
