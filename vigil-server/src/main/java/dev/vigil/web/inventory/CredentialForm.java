package dev.vigil.web.inventory;

import dev.vigil.inventory.Credential;
import dev.vigil.inventory.CredentialInput;

/** The add/edit credential form; secret inputs are write-only and never filled back in. */
record CredentialForm(
    String name,
    String type,
    String username,
    String password,
    String privateKey,
    String passphrase) {

  static CredentialForm empty() {
    return new CredentialForm("", "username-keypair", "", null, null, null);
  }

  static CredentialForm of(Credential c) {
    return new CredentialForm(c.name(), c.type().code(), c.username(), null, null, null);
  }

  /** The same form with the secrets dropped, to render it again. */
  CredentialForm withoutSecrets() {
    return new CredentialForm(name, type, username, null, null, null);
  }

  /** The input; empty secret fields mean "keep" on edit. */
  CredentialInput toInput() {
    return new CredentialInput(
        name == null ? "" : name,
        type,
        username == null ? "" : username,
        blankToNull(password),
        blankToNull(privateKey),
        blankToNull(passphrase));
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public String toString() {
    return "CredentialForm[name=" + name + ", type=" + type + "]";
  }
}
