package dev.vigil.inventory;

import java.util.function.UnaryOperator;

/**
 * Secrets another feature sealed with {@link SecretCipher} (webhook secrets): the master key
 * rotation re-seals them in its transaction, beside the credential secrets.
 */
public interface SealedSecrets {

  /**
   * Replaces every sealed value by {@code reseal} of it (in the caller's transaction); how many.
   */
  int reseal(UnaryOperator<byte[]> reseal);
}
