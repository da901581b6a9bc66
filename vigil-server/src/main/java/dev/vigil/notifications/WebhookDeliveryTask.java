package dev.vigil.notifications;

import dev.vigil.inventory.SecretCipher;
import dev.vigil.scheduling.RunLater;
import dev.vigil.scheduling.TaskHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code webhook-delivery}: one attempt per run. The attempt is recorded (attempt row, delivery
 * state) in a short transaction after the POST returned, never while it is on the wire. A failed
 * attempt runs again after {@link WebhookSettings#backoffAfter} ({@link RunLater}: db-scheduler
 * keeps the task and picks it on any node then) until {@code max-attempts}; then the delivery is
 * {@code failed}. A node that dies mid-attempt has its task revived: that attempt is not recorded
 * and the POST is made again (at least once; the receiver de-duplicates on X-Vigil-Delivery). At
 * most {@code max-concurrent} attempts run on a node at once; the others wait a second.
 */
@Component
class WebhookDeliveryTask implements TaskHandler {

  static final String TASK = "webhook-delivery";
  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryTask.class);

  private final DeliveryRepository deliveries;
  private final WebhookRepository webhooks;
  private final SecretCipher cipher;
  private final WebhookSender sender;
  private final WebhookSettings settings;
  private final WebhookUrls urls;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Semaphore slots;

  WebhookDeliveryTask(
      DeliveryRepository deliveries,
      WebhookRepository webhooks,
      SecretCipher cipher,
      WebhookSender sender,
      WebhookSettings settings,
      TransactionTemplate tx,
      Clock clock) {
    this.deliveries = deliveries;
    this.webhooks = webhooks;
    this.cipher = cipher;
    this.sender = sender;
    this.settings = settings;
    this.urls = new WebhookUrls(settings.allowPrivateAddresses());
    this.tx = tx;
    this.clock = clock;
    this.slots = new Semaphore(Math.max(1, settings.maxConcurrent()));
  }

  @Override
  public String taskName() {
    return TASK;
  }

  @Override
  public Duration retryAfterFailure() {
    return Duration.ofMinutes(1);
  }

  @Override
  public void execute(String instanceId) {
    long id = Long.parseLong(instanceId);
    Optional<Delivery> found = deliveries.find(id);
    if (found.isEmpty() || !Delivery.PENDING.equals(found.get().status())) {
      return; // delivered, given up, or its webhook deleted
    }
    Delivery d = found.get();
    Webhook w = webhooks.find(d.webhookId()).orElse(null);
    if (w == null) {
      return;
    }
    if (!w.enabled()) {
      tx.executeWithoutResult(s -> deliveries.giveUp(id, "the webhook was disabled"));
      return;
    }
    if (!slots.tryAcquire()) {
      throw new RunLater(Duration.ofSeconds(1), "all webhook delivery slots of this node are busy");
    }
    WebhookSender.Outcome outcome;
    boolean permanent = false;
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    try {
      URI url = urls.check(w.url());
      String secret = new String(cipher.decrypt(webhooks.secret(w.id())), StandardCharsets.UTF_8);
      outcome = sender.send(url, d.event().code(), d.key(), secret, d.payload());
    } catch (WebhookUrls.Refused refused) {
      permanent = true;
      outcome = new WebhookSender.Outcome(null, "URL refused: " + refused.getMessage());
    } finally {
      slots.release();
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    record(d, w, outcome, started, ms, permanent);
  }

  private void record(
      Delivery d,
      Webhook w,
      WebhookSender.Outcome outcome,
      Instant started,
      long ms,
      boolean permanent) {
    int attempt =
        tx.execute(
            s -> {
              Delivery current = deliveries.findForUpdate(d.id()).orElse(null);
              if (current == null || !Delivery.PENDING.equals(current.status())) {
                return -1;
              }
              int n = current.attempts() + 1;
              String status =
                  outcome.delivered()
                      ? Delivery.DELIVERED
                      : permanent || n >= settings.maxAttempts()
                          ? Delivery.FAILED
                          : Delivery.PENDING;
              deliveries.recordAttempt(
                  d.id(),
                  new Delivery.Attempt(n, started, outcome.httpStatus(), outcome.error(), ms),
                  status,
                  outcome.delivered() ? clock.instant() : null);
              return Delivery.PENDING.equals(status) ? n : 0;
            });
    if (attempt > 0) {
      Duration wait = settings.backoffAfter(attempt);
      log.info(
          "webhook {} delivery {} ({}) attempt {} failed: {}; next in {}",
          w.id(),
          d.key(),
          d.event().code(),
          attempt,
          outcome.error(),
          wait);
      throw new RunLater(wait, "webhook delivery attempt " + attempt + " failed");
    }
    if (attempt == 0 && !outcome.delivered()) {
      log.warn(
          "webhook {} delivery {} ({}) given up: {}",
          w.id(),
          d.key(),
          d.event().code(),
          outcome.error());
    }
  }
}
