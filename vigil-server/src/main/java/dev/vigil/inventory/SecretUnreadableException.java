package dev.vigil.inventory;

/** A stored secret cannot be decrypted: a different master key, or damaged data. */
public class SecretUnreadableException extends RuntimeException {
  public SecretUnreadableException(String message) {
    super(message);
  }
}
