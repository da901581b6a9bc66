package dev.vigil.inventory;

/**
 * What a user sends to create or change a credential. On update a null field means "unchanged" (a
 * secret field left out keeps the stored secret).
 */
public record CredentialInput(
    String name,
    String type,
    String username,
    String password,
    String privateKey,
    String passphrase) {

  @Override
  public String toString() {
    return "CredentialInput[name=" + name + ", type=" + type + ", username=" + username + "]";
  }
}
