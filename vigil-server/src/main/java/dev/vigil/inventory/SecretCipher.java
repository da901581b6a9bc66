package dev.vigil.inventory;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credential secrets with AES-256-GCM: {@code version(1) | keyId(4) | nonce(12) |
 * ciphertext+tag}, a fresh random nonce per value and the header as associated data, so a value
 * names the master key that sealed it and a rotation can re-encrypt it.
 */
public final class SecretCipher {

  static final byte VERSION = 1;
  private static final int HEADER = 5;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final MasterKey key;
  private final SecretKeySpec spec;
  private final SecureRandom random = new SecureRandom();

  public SecretCipher(MasterKey key) {
    this.key = key;
    this.spec = new SecretKeySpec(key.bytes(), "AES");
  }

  /** Seals {@code plain}. */
  public byte[] encrypt(byte[] plain) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    ByteBuffer out = ByteBuffer.allocate(HEADER + NONCE + plain.length + TAG_BITS / 8);
    out.put(VERSION).put(key.id()).put(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(out.array(), 0, HEADER);
      out.put(c.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a secret: " + e.getMessage(), e);
    }
    return out.array();
  }

  /** Opens a value sealed by {@link #encrypt}; throws a readable message on a wrong key. */
  public byte[] decrypt(byte[] sealed) {
    if (sealed == null || sealed.length < HEADER + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new SecretUnreadableException("the stored secret has an unknown format");
    }
    byte[] keyId = Arrays.copyOfRange(sealed, 1, HEADER);
    if (!Arrays.equals(keyId, key.id())) {
      throw new SecretUnreadableException(
          "the stored secret was encrypted with master key "
              + HexFormat.of().formatHex(keyId)
              + ", but the master key in use ("
              + key.source()
              + ") is "
              + key.idHex()
              + "; set VIGIL_MASTER_KEY or restore the master.key file that was used");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, sealed, HEADER, NONCE));
      c.updateAAD(sealed, 0, HEADER);
      return c.doFinal(sealed, HEADER + NONCE, sealed.length - HEADER - NONCE);
    } catch (GeneralSecurityException e) {
      throw new SecretUnreadableException(
          "the stored secret cannot be decrypted with master key " + key.idHex());
    }
  }

  /** The id of the key this cipher seals with. */
  public String keyId() {
    return key.idHex();
  }
}
