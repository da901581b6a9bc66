package dev.vigil.scanning;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Turns private key text (OpenSSH or PEM, optionally encrypted) into key pairs for login. */
final class KeyIdentities {

  private static final Pattern OPENSSH_BODY =
      Pattern.compile(
          "-----BEGIN OPENSSH PRIVATE KEY-----(.*?)-----END OPENSSH PRIVATE KEY-----",
          Pattern.DOTALL);
  private static final NamedResource RESOURCE = NamedResource.ofName("target private key");

  private KeyIdentities() {}

  static List<KeyPair> load(SshSecret.PrivateKey secret, SshTarget target) throws ScanFailure {
    FilePasswordProvider passwords =
        secret.passphrase() == null
            ? FilePasswordProvider.EMPTY
            : FilePasswordProvider.of(secret.passphrase());
    byte[] text = secret.keyText().getBytes(StandardCharsets.UTF_8);
    List<KeyPair> keys = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(text)) {
      Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, RESOURCE, in, passwords);
      if (loaded != null) {
        loaded.forEach(keys::add);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw unreadable(secret, target, e);
    }
    if (keys.isEmpty()) {
      throw new ScanFailure(
          FailureReason.AUTHENTICATION_FAILED,
          "authentication failed for " + target.describe() + ": no private key found in the key");
    }
    return keys;
  }

  private static ScanFailure unreadable(
      SshSecret.PrivateKey secret, SshTarget target, Exception e) {
    String what =
        secret.passphrase() != null || looksEncrypted(secret.keyText())
            ? "cannot decrypt the private key (wrong or missing passphrase)"
            : "cannot read the private key";
    return new ScanFailure(
        FailureReason.AUTHENTICATION_FAILED,
        "authentication failed for " + target.describe() + ": " + what,
        e);
  }

  /** PEM and PKCS#8 say ENCRYPTED; an OpenSSH key names its cipher, "none" when plain. */
  static boolean looksEncrypted(String keyText) {
    if (keyText.contains("ENCRYPTED")) {
      return true;
    }
    Matcher openssh = OPENSSH_BODY.matcher(keyText);
    if (!openssh.find()) {
      return false;
    }
    try {
      byte[] body = Base64.getMimeDecoder().decode(openssh.group(1));
      String header = new String(body, 0, Math.min(body.length, 64), StandardCharsets.ISO_8859_1);
      return !header.contains("none");
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
