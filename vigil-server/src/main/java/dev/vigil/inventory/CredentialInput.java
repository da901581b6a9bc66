package dev.vigil.inventory;

import org.jspecify.annotations.Nullable;

/**
 * What a user sends to create or change a credential. On update a null field means "unchanged" (a
 * secret field left out keeps the stored secret).
 */
public record CredentialInput(
    @Nullable String name,
    @Nullable String type,
    @Nullable String username,
    @Nullable String password,
    @Nullable String privateKey,
    @Nullable String passphrase) {

  @Override
  public String toString() {
    return "CredentialInput[name=" + name + ", type=" + type + ", username=" + username + "]";
  }
}
