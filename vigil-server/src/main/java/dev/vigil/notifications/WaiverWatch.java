package dev.vigil.notifications;

import static dev.vigil.storage.Sql.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waiver notifications: {@code waiver.requested} and {@code waiver.approved} as the waiver module
 * reports each step ({@link WaiverNotice}); an approved waiver is watched ({@code
 * waiver_expiry_watch}) until it stops counting, and {@code waiver.expiring} is sent once by the
 * sweep when it comes within {@code vigil.webhooks.waiver-warning} of its expiry.
 */
@Component
class WaiverWatch {

  private final JdbcClient jdbc;
  private final Notifier notifier;
  private final JsonMapper json;
  private final WebhookSettings settings;
  private final Clock clock;

  WaiverWatch(
      JdbcClient jdbc, Notifier notifier, JsonMapper json, WebhookSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.notifier = notifier;
    this.json = json;
    this.settings = settings;
    this.clock = clock;
  }

  /** One step of a waiver, after the waiver module committed it. */
  @Transactional
  public void step(WaiverNotice n) {
    Payloads.WaiverEvent payload = n.payload();
    switch (n.step()) {
      case REQUESTED -> notifier.publish(NotificationEvent.WAIVER_REQUESTED, payload);
      case APPROVED -> {
        notifier.publish(NotificationEvent.WAIVER_APPROVED, payload);
        forget(n.waiverId());
        if (n.expiresAt() != null) {
          jdbc.sql(
                  "insert into waiver_expiry_watch (waiver_id, expires_at, waiver)"
                      + " values (?, ?, ?)")
              .params(
                  n.waiverId(),
                  ts(n.expiresAt()),
                  json.writeValueAsString(payload.securityWaiver()))
              .update();
        }
      }
      case REJECTED, REVOKED, EXPIRED -> forget(n.waiverId());
    }
  }

  /**
   * Sends {@code waiver.expiring} for each watched waiver now within the warning period of its
   * expiry (once: marked in the same transaction), and forgets waivers that expired; returns how
   * many were sent.
   */
  @Transactional
  public int sweep() {
    Instant now = clock.instant();
    jdbc.sql("delete from waiver_expiry_watch where expires_at <= ?").param(ts(now)).update();
    List<Long> due =
        jdbc.sql(
                "select waiver_id from waiver_expiry_watch where notified_at is null"
                    + " and expires_at <= ? order by expires_at")
            .param(ts(now.plus(settings.waiverWarning())))
            .query(Long.class)
            .list();
    int sent = 0;
    for (long id : due) {
      boolean mine =
          jdbc.sql(
                      "update waiver_expiry_watch set notified_at = ? where waiver_id = ?"
                          + " and notified_at is null")
                  .params(ts(now), id)
                  .update()
              == 1;
      if (mine) {
        String stored =
            jdbc.sql("select waiver from waiver_expiry_watch where waiver_id = ?")
                .param(id)
                .query(String.class)
                .single();
        Payloads.Waiver w = json.readValue(stored, Payloads.Waiver.class);
        notifier.publish(NotificationEvent.WAIVER_EXPIRING, new Payloads.WaiverEvent(w));
        sent++;
      }
    }
    return sent;
  }

  private void forget(long waiverId) {
    jdbc.sql("delete from waiver_expiry_watch where waiver_id = ?").param(waiverId).update();
  }
}
