package dev.vigil.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Vigil-Signature}: {@code sha256=} and the hex HMAC-SHA256 of the body with the secret.
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Vigil-Signature";

  private WebhookSignature() {}

  /** The header's value for {@code body} signed with {@code secret} (its UTF-8 bytes). */
  public static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a webhook body: " + e.getMessage(), e);
    }
  }
}
