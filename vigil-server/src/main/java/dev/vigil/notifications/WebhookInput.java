package dev.vigil.notifications;

import java.util.List;

/**
 * A webhook as sent to be created or changed; a null field is left as it is on update (on create,
 * {@code name}, {@code url}, {@code secret} and {@code events} are required). {@code toString}
 * never shows the secret.
 */
public record WebhookInput(
    String name, String url, String secret, List<String> events, Boolean enabled) {

  @Override
  public String toString() {
    return "WebhookInput[name="
        + name
        + ", url="
        + url
        + ", secret="
        + (secret == null ? "null" : "***")
        + ", events="
        + events
        + ", enabled="
        + enabled
        + "]";
  }
}
