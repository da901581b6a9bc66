package dev.vigil.access;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Verifies a username and password for the token endpoint, in constant work per attempt: an unknown
 * or missing username is checked against a dummy hash, so it costs one BCrypt like a known one.
 */
@Component
public class PasswordCheck {

  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final String dummyHash;

  PasswordCheck(UserRepository users, PasswordEncoder encoder) {
    this.users = users;
    this.encoder = encoder;
    this.dummyHash = hash(encoder, "not-a-password");
  }

  /** The enabled user with these credentials, empty otherwise. */
  public Optional<User> verify(@Nullable String username, @Nullable String password) {
    Optional<User> user = username == null ? Optional.empty() : users.findByUsername(username);
    String hash = user.map(User::passwordHash).orElse(dummyHash);
    boolean matches = encoder.matches(password == null ? "" : password, hash);
    return user.filter(u -> matches && password != null && u.enabled());
  }

  /** The encoder's hash of a password; the encoder answers null only for a null password. */
  static String hash(PasswordEncoder encoder, String password) {
    String hash = encoder.encode(password);
    if (hash == null) {
      throw new IllegalStateException("the password encoder returned no hash");
    }
    return hash;
  }
}
