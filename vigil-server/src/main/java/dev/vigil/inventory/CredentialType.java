package dev.vigil.inventory;

import java.util.Arrays;
import java.util.Optional;

/** How a credential logs in: an SSH private key or a password, always with a username. */
public enum CredentialType {
  USERNAME_KEYPAIR(1, "username-keypair", "Username and Private Key"),
  USERNAME_PASSWORD(2, "username-password", "Username and Password");

  private final long id;
  private final String code;
  private final String label;

  CredentialType(long id, String code, String label) {
    this.id = id;
    this.code = code;
    this.label = label;
  }

  /** The fixed id under {@code /api/credential-types/{id}}. */
  public long id() {
    return id;
  }

  public String code() {
    return code;
  }

  /** The name users see. */
  public String label() {
    return label;
  }

  /** The type with this code, if any. */
  public static Optional<CredentialType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  /** The type with this id, if any. */
  public static Optional<CredentialType> fromId(long id) {
    return Arrays.stream(values()).filter(t -> t.id == id).findFirst();
  }
}
