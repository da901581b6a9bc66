package dev.vigil.notifications;

import dev.vigil.scheduling.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a notification into one delivery per enabled webhook that wants its event: a row with the
 * JSON body and a {@code webhook-delivery} task, both in the caller's transaction. Nothing is sent
 * here, so whoever notifies (a scan being recorded, the sweep) never waits for a receiver.
 */
@Component
class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final WebhookRepository webhooks;
  private final DeliveryRepository deliveries;
  private final TaskQueue tasks;
  private final JsonMapper json;
  private final Clock clock;

  Notifier(
      WebhookRepository webhooks,
      DeliveryRepository deliveries,
      TaskQueue tasks,
      JsonMapper json,
      Clock clock) {
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.tasks = tasks;
    this.json = json;
    this.clock = clock;
  }

  /** Queues {@code data} as {@code event} for every webhook that wants it; returns how many. */
  @Transactional(propagation = Propagation.MANDATORY)
  public int publish(NotificationEvent event, Object data) {
    int n = 0;
    Instant now = clock.instant();
    for (Webhook w : webhooks.subscribers(event)) {
      String key = UUID.randomUUID().toString();
      String body =
          json.writeValueAsString(
              new Payloads.Envelope(
                  key, event.code(), now.toString(), new Payloads.Ref(w.id(), w.name()), data));
      long id = deliveries.insert(w.id(), key, event, body, now);
      tasks.enqueue(WebhookDeliveryTask.TASK, Long.toString(id));
      n++;
    }
    if (n > 0) {
      log.debug("{} queued for {} webhook(s)", event.code(), n);
    }
    return n;
  }
}
