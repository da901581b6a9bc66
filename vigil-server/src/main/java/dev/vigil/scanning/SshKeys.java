package dev.vigil.scanning;

import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/** Checks private key text the way a login would read it, for validating a credential on save. */
public final class SshKeys {

  private static final SshTarget PLACEHOLDER =
      new SshTarget("localhost", 22, "check", new SshSecret.Password(""), null);

  private SshKeys() {}

  /**
   * The {@code SHA256:…} fingerprint of the key's public half.
   *
   * @throws UnreadableKey when the text is no readable key, or the passphrase does not open it
   */
  public static String fingerprint(SshSecret.PrivateKey key) throws UnreadableKey {
    List<KeyPair> pairs;
    try {
      pairs = KeyIdentities.load(key, PLACEHOLDER);
    } catch (ScanFailure e) {
      throw new UnreadableKey(KeyIdentities.looksEncrypted(key.keyText()));
    }
    return KeyUtils.getFingerPrint(BuiltinDigests.sha256, pairs.get(0).getPublic());
  }

  /** A private key that cannot be read; {@code encrypted} when a passphrase is the problem. */
  public static final class UnreadableKey extends Exception {
    private final boolean encrypted;

    UnreadableKey(boolean encrypted) {
      super(encrypted ? "passphrase does not decrypt the private key" : "unreadable private key");
      this.encrypted = encrypted;
    }

    public boolean encrypted() {
      return encrypted;
    }
  }
}
