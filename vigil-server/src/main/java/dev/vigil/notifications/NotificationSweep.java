package dev.vigil.notifications;

import dev.vigil.scheduling.RecurringHandler;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code notification-sweep}, every {@code vigil.webhooks.sweep-interval} on one node of the
 * cluster: the changes no scan brings — a pair going stale, a waiver expiring, a change whose check
 * was lost with a node — by checking the whole fleet against the stored statuses; waivers coming
 * within the warning period of their expiry; and the purge of ended deliveries older than {@code
 * keep-deliveries}.
 */
@Component
class NotificationSweep implements RecurringHandler {

  static final String TASK = "notification-sweep";
  private static final Logger log = LoggerFactory.getLogger(NotificationSweep.class);

  private final ComplianceWatch compliance;
  private final WaiverWatch waivers;
  private final DeliveryRepository deliveries;
  private final WebhookSettings settings;
  private final TransactionTemplate tx;
  private final Clock clock;

  NotificationSweep(
      ComplianceWatch compliance,
      WaiverWatch waivers,
      DeliveryRepository deliveries,
      WebhookSettings settings,
      TransactionTemplate tx,
      Clock clock) {
    this.compliance = compliance;
    this.waivers = waivers;
    this.deliveries = deliveries;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public String taskName() {
    return TASK;
  }

  @Override
  public Duration interval() {
    return settings.sweepInterval();
  }

  @Override
  public void run() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("notification sweep failed; it runs again in {}", settings.sweepInterval(), e);
    }
  }

  /** One sweep; returns the notifications it queued. */
  int sweep() {
    int n = compliance.check(null);
    n += waivers.sweep();
    Integer purged =
        tx.execute(s -> deliveries.purgeEnded(clock.instant().minus(settings.keepDeliveries())));
    if (purged != null && purged > 0) {
      log.info("{} webhook deliveries older than {} purged", purged, settings.keepDeliveries());
    }
    return n;
  }
}
