package dev.vigil.access;

import java.util.Locale;

/** Who tries to sign in: the username as typed (case folded) and the client's address. */
record LoginAttempt(String username, String address) {

  LoginAttempt {
    username = username == null ? "" : username.toLowerCase(Locale.ROOT);
  }
}
