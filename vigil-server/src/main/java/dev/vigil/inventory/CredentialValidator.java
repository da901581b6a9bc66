package dev.vigil.inventory;

import dev.vigil.scanning.SshKeys;
import dev.vigil.scanning.SshSecret;
import dev.vigil.shared.CommonFields;
import dev.vigil.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a credential's fields before anything is written, reports every problem at once, and reads
 * a private key to be sure a login can use it.
 */
final class CredentialValidator {

  static final String UNREADABLE_KEY = "is not a readable OpenSSH or PEM private key";
  static final String BAD_PASSPHRASE = "passphrase does not decrypt the private key";

  private CredentialValidator() {}

  /** The merged secret after validation, and the key fingerprint when it is a key. */
  record Checked(CredentialType type, StoredSecret secret, String fingerprint) {}

  /**
   * Validates {@code in}; {@code current}/{@code stored} are the existing credential and its secret
   * on update (null on create).
   */
  static Checked validate(
      CredentialInput in, Credential current, StoredSecret stored, boolean nameTaken) {
    Map<String, String> errors = new LinkedHashMap<>();
    CommonFields.name(in.name(), current == null, nameTaken, errors);
    CredentialType type = type(in.type(), current, errors);
    if (in.username() == null ? current == null : in.username().isBlank()) {
      errors.put("username", "is required");
    } else if (in.username() != null && in.username().trim().length() > 255) {
      errors.put("username", "must be at most 255 characters");
    }
    StoredSecret secret = type == null ? null : secret(in, type, current, stored, errors);
    String fingerprint = null;
    if (secret != null && secret.privateKey() != null && errors.isEmpty()) {
      fingerprint = fingerprint(secret, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Unable to save credential", errors);
    }
    return new Checked(type, secret, fingerprint);
  }

  private static CredentialType type(String code, Credential current, Map<String, String> errors) {
    if (code == null || code.isBlank()) {
      if (current == null) {
        errors.put("type", "is required (username-keypair or username-password)");
      }
      return current == null ? null : current.type();
    }
    CredentialType type = CredentialType.fromCode(code.trim()).orElse(null);
    if (type == null) {
      errors.put("type", "must be username-keypair or username-password");
    }
    return type;
  }

  private static StoredSecret secret(
      CredentialInput in,
      CredentialType type,
      Credential current,
      StoredSecret stored,
      Map<String, String> errors) {
    boolean keep = current != null && current.type() == type;
    if (type == CredentialType.USERNAME_PASSWORD) {
      if (!blank(in.password())) {
        return new StoredSecret(in.password(), null, null);
      }
      if (!keep) {
        errors.put("password", "is required");
      }
      return keep ? stored : null;
    }
    String key = blank(in.privateKey()) ? (keep ? stored.privateKey() : null) : in.privateKey();
    if (key == null) {
      errors.put("privateKey", "is required");
      return null;
    }
    String passphrase =
        in.passphrase() != null ? in.passphrase() : keepPassphrase(in, keep, stored);
    return new StoredSecret(null, key, blank(passphrase) ? null : passphrase);
  }

  private static String keepPassphrase(CredentialInput in, boolean keep, StoredSecret stored) {
    return keep && blank(in.privateKey()) ? stored.passphrase() : null;
  }

  private static String fingerprint(StoredSecret secret, Map<String, String> errors) {
    try {
      return SshKeys.fingerprint(
          new SshSecret.PrivateKey(secret.privateKey(), secret.passphrase()));
    } catch (SshKeys.UnreadableKey e) {
      if (e.encrypted()) {
        errors.put("passphrase", BAD_PASSPHRASE);
      } else {
        errors.put("privateKey", UNREADABLE_KEY);
      }
      return null;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
