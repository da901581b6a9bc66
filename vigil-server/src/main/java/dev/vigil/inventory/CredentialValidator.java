package dev.vigil.inventory;

import dev.vigil.scanning.SshKeys;
import dev.vigil.scanning.SshSecret;
import dev.vigil.shared.CommonFields;
import dev.vigil.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a credential's fields before anything is written, reports every problem at once, and reads
 * a private key to be sure a login can use it.
 */
final class CredentialValidator {

  static final String UNREADABLE_KEY = "is not a readable OpenSSH or PEM private key";
  static final String BAD_PASSPHRASE = "passphrase does not decrypt the private key";

  private CredentialValidator() {}

  /** The merged secret after validation, and the key fingerprint when it is a key. */
  record Checked(CredentialType type, StoredSecret secret, @Nullable String fingerprint) {}

  /**
   * Validates {@code in}; {@code current}/{@code stored} are the existing credential and its secret
   * on update (null on create).
   */
  static Checked validate(
      CredentialInput in,
      @Nullable Credential current,
      @Nullable StoredSecret stored,
      boolean nameTaken) {
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
      fingerprint = fingerprint(secret.privateKey(), secret.passphrase(), errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Unable to save credential", errors);
    }
    if (type == null || secret == null) {
      throw new IllegalStateException("a validated credential has no type or secret");
    }
    return new Checked(type, secret, fingerprint);
  }

  private static @Nullable CredentialType type(
      @Nullable String code, @Nullable Credential current, Map<String, String> errors) {
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

  private static @Nullable StoredSecret secret(
      CredentialInput in,
      CredentialType type,
      @Nullable Credential current,
      @Nullable StoredSecret stored,
      Map<String, String> errors) {
    StoredSecret kept = null;
    if (current != null && current.type() == type) {
      if (stored == null) {
        throw new IllegalStateException(
            "credential " + current.id() + " is validated without its stored secret");
      }
      kept = stored;
    }
    boolean keep = kept != null;
    if (type == CredentialType.USERNAME_PASSWORD) {
      if (!blank(in.password())) {
        return new StoredSecret(in.password(), null, null);
      }
      if (!keep) {
        errors.put("password", "is required");
      }
      return kept;
    }
    String key =
        blank(in.privateKey()) ? (kept != null ? kept.privateKey() : null) : in.privateKey();
    if (key == null) {
      errors.put("privateKey", "is required");
      return null;
    }
    String passphrase = in.passphrase() != null ? in.passphrase() : keepPassphrase(in, kept);
    return new StoredSecret(null, key, blank(passphrase) ? null : passphrase);
  }

  private static @Nullable String keepPassphrase(CredentialInput in, @Nullable StoredSecret kept) {
    return kept != null && blank(in.privateKey()) ? kept.passphrase() : null;
  }

  private static @Nullable String fingerprint(
      String privateKey, @Nullable String passphrase, Map<String, String> errors) {
    try {
      return SshKeys.fingerprint(new SshSecret.PrivateKey(privateKey, passphrase));
    } catch (SshKeys.UnreadableKey e) {
      if (e.encrypted()) {
        errors.put("passphrase", BAD_PASSPHRASE);
      } else {
        errors.put("privateKey", UNREADABLE_KEY);
      }
      return null;
    }
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
