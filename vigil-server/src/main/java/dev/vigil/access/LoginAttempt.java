package dev.vigil.access;

import java.util.Locale;

/** Who tries to sign in: the username as typed (case folded) and the client's address. */
public record LoginAttempt(String username, String address) {

  public LoginAttempt {
    username = username == null ? "" : username.toLowerCase(Locale.ROOT);
  }
}
