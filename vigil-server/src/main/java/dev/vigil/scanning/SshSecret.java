package dev.vigil.scanning;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The credential used to log in to a target; its {@code toString} never shows the secret. */
public sealed interface SshSecret {

  /** Password authentication. */
  record Password(String password) implements SshSecret {
    public Password {
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Password[***]";
    }
  }

  /** Public-key authentication with an OpenSSH or PEM private key, optionally encrypted. */
  record PrivateKey(String keyText, @Nullable String passphrase) implements SshSecret {
    public PrivateKey {
      Objects.requireNonNull(keyText, "keyText");
    }

    public PrivateKey(String keyText) {
      this(keyText, null);
    }

    @Override
    public String toString() {
      return "PrivateKey[key=***, passphrase=" + (passphrase == null ? "none" : "***") + "]";
    }
  }
}
