package dev.vigil.web.notifications;

import dev.vigil.notifications.Delivery;
import dev.vigil.notifications.Webhook;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The webhook API's bodies as records, in Morpheus envelopes; a secret is never among them. */
final class WebhookJson {

  private WebhookJson() {}

  /** {@code {"webhook": {...}}}, the body of POST and PUT. */
  @Schema(name = "WebhookRequest")
  record Request(Fields webhook) {}

  /**
   * What a client sends; on PUT a missing field is left as it is. {@code secret} goes in and never
   * comes out.
   */
  @Schema(name = "WebhookFields")
  record Fields(String name, String url, String secret, List<String> events, Boolean enabled) {
    @Override
    public String toString() {
      return "Fields[name=" + name + ", url=" + url + ", events=" + events + "]";
    }
  }

  /** A webhook as the API shows it. */
  @Schema(name = "WebhookView")
  record View(
      long id,
      String name,
      String url,
      List<String> events,
      boolean enabled,
      String updatedBy,
      String dateCreated,
      String lastUpdated) {}

  @Schema(name = "WebhookOne")
  record One(View webhook) {}

  @Schema(name = "WebhookSaved")
  record Saved(boolean success, View webhook) {}

  @Schema(name = "WebhookPage")
  record Page(List<View> webhooks, Meta meta) {}

  /** One delivery of the log. */
  @Schema(name = "WebhookDeliveryView")
  record DeliveryView(
      long id,
      String deliveryId,
      String event,
      String status,
      int attempts,
      Integer lastHttpStatus,
      String lastError,
      String dateCreated,
      String lastAttemptAt,
      String deliveredAt,
      List<AttemptView> history) {}

  /** One attempt of a delivery. */
  @Schema(name = "WebhookAttemptView")
  record AttemptView(
      int attempt, String attemptedAt, Integer httpStatus, String error, long durationMs) {}

  @Schema(name = "WebhookDeliveries")
  record Deliveries(List<DeliveryView> deliveries, Meta meta) {}

  static View view(Webhook w) {
    return new View(
        w.id(),
        w.name(),
        w.url(),
        w.eventCodes(),
        w.enabled(),
        w.updatedBy(),
        time(w.createdAt()),
        time(w.updatedAt()));
  }

  static DeliveryView delivery(Delivery d) {
    return new DeliveryView(
        d.id(),
        d.key(),
        d.event() == null ? null : d.event().code(),
        d.status(),
        d.attempts(),
        d.lastHttpStatus(),
        d.lastError(),
        time(d.createdAt()),
        time(d.lastAttemptAt()),
        time(d.deliveredAt()),
        d.history().stream()
            .map(
                a ->
                    new AttemptView(
                        a.attempt(),
                        time(a.attemptedAt()),
                        a.httpStatus(),
                        a.error(),
                        a.durationMs()))
            .toList());
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
