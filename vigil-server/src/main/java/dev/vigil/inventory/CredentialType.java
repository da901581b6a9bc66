package dev.vigil.inventory;

import java.util.Arrays;
import java.util.Optional;

/** How a credential logs in: an SSH private key or a password, always with a username. */
public enum CredentialType {
  USERNAME_KEYPAIR("username-keypair"),
  USERNAME_PASSWORD("username-password");

  private final String code;

  CredentialType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The type with this code, if any. */
  public static Optional<CredentialType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }
}
