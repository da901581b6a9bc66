package dev.vigil.notifications;

import static dev.vigil.storage.Sql.instant;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.shared.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Deliveries and their attempts. */
@Repository
class DeliveryRepository {

  private static final String COLUMNS =
      "d.id, d.webhook_id, d.delivery_key, d.event, d.payload, d.status, d.attempts, d.created_at,"
          + " d.last_attempt_at, d.last_http_status, d.last_error, d.delivered_at";

  private final JdbcClient jdbc;

  DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(long webhookId, String key, NotificationEvent event, String payload, Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into webhook_deliveries (webhook_id, delivery_key, event, payload, status,"
                + " attempts, created_at) values (?, ?, ?, ?, ?, 0, ?)")
        .params(webhookId, key, event.code(), payload, Delivery.PENDING, ts(now))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey()).longValue();
  }

  Optional<Delivery> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from webhook_deliveries d where d.id = ?")
        .param(id)
        .query(DeliveryRepository::row)
        .optional();
  }

  Optional<Delivery> findForUpdate(long id) {
    return jdbc.sql("select " + COLUMNS + " from webhook_deliveries d where d.id = ? for update")
        .param(id)
        .query(DeliveryRepository::row)
        .optional();
  }

  /** Writes one attempt and the delivery's state after it. */
  void recordAttempt(long id, Delivery.Attempt a, String status, Instant deliveredAt) {
    jdbc.sql(
            "insert into webhook_delivery_attempts (delivery_id, attempt, attempted_at,"
                + " http_status, error, duration_ms) values (?, ?, ?, ?, ?, ?)")
        .params(id, a.attempt(), ts(a.attemptedAt()), a.httpStatus(), a.error(), a.durationMs())
        .update();
    jdbc.sql(
            "update webhook_deliveries set status = ?, attempts = ?, last_attempt_at = ?,"
                + " last_http_status = ?, last_error = ?, delivered_at = ? where id = ?")
        .params(
            status,
            a.attempt(),
            ts(a.attemptedAt()),
            a.httpStatus(),
            a.error(),
            ts(deliveredAt),
            id)
        .update();
  }

  /** Ends a pending delivery without an attempt (its webhook was disabled meanwhile). */
  void giveUp(long id, String error) {
    jdbc.sql("update webhook_deliveries set status = ?, last_error = ? where id = ?")
        .params(Delivery.FAILED, error, id)
        .update();
  }

  List<Delivery> list(long webhookId, ListQuery q, String event, String status) {
    List<Object> params = new ArrayList<>();
    String where = where(webhookId, event, status, params);
    String limit = q.max() == ListQuery.ALL ? "" : " limit " + q.max();
    List<Delivery> found =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from webhook_deliveries d"
                    + where
                    + " order by d.id "
                    + (q.sort() != null && !q.descending() ? "asc" : "desc")
                    + limit
                    + " offset "
                    + q.offset())
            .params(params)
            .query(DeliveryRepository::row)
            .list();
    return withHistory(found);
  }

  long count(long webhookId, String event, String status) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql(
            "select count(*) from webhook_deliveries d" + where(webhookId, event, status, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  /** Deletes ended deliveries created before {@code before}; returns how many. */
  int purgeEnded(Instant before) {
    return jdbc.sql("delete from webhook_deliveries where status <> ? and created_at < ?")
        .params(Delivery.PENDING, ts(before))
        .update();
  }

  private static String where(long webhookId, String event, String status, List<Object> params) {
    StringBuilder w = new StringBuilder(" where d.webhook_id = ?");
    params.add(webhookId);
    if (event != null) {
      w.append(" and d.event = ?");
      params.add(event);
    }
    if (status != null) {
      w.append(" and d.status = ?");
      params.add(status);
    }
    return w.toString();
  }

  /** The deliveries with their attempts, read in one query. */
  private List<Delivery> withHistory(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return deliveries;
    }
    Map<Long, List<Delivery.Attempt>> byDelivery = new HashMap<>();
    jdbc.sql(
            "select delivery_id, attempt, attempted_at, http_status, error, duration_ms"
                + " from webhook_delivery_attempts where delivery_id in ("
                + dev.vigil.storage.Sql.marks(deliveries.size())
                + ") order by delivery_id, attempt")
        .params(deliveries.stream().map(d -> (Object) d.id()).toList())
        .query(
            (rs, n) -> {
              byDelivery
                  .computeIfAbsent(rs.getLong("delivery_id"), k -> new ArrayList<>())
                  .add(attempt(rs));
              return null;
            })
        .list();
    return deliveries.stream()
        .map(d -> d.withHistory(byDelivery.getOrDefault(d.id(), List.of())))
        .toList();
  }

  List<Delivery.Attempt> attempts(long deliveryId) {
    return jdbc.sql(
            "select attempt, attempted_at, http_status, error, duration_ms"
                + " from webhook_delivery_attempts where delivery_id = ? order by attempt")
        .param(deliveryId)
        .query((rs, n) -> attempt(rs))
        .list();
  }

  private static Delivery.Attempt attempt(ResultSet rs) throws SQLException {
    return new Delivery.Attempt(
        rs.getInt("attempt"),
        instant(rs, "attempted_at"),
        (Integer) rs.getObject("http_status", Integer.class),
        rs.getString("error"),
        rs.getLong("duration_ms"));
  }

  private static Delivery row(ResultSet rs, int n) throws SQLException {
    return new Delivery(
        rs.getLong("id"),
        rs.getLong("webhook_id"),
        rs.getString("delivery_key"),
        NotificationEvent.fromCode(rs.getString("event")),
        rs.getString("payload"),
        rs.getString("status"),
        rs.getInt("attempts"),
        instant(rs, "created_at"),
        instant(rs, "last_attempt_at"),
        rs.getObject("last_http_status", Integer.class),
        rs.getString("last_error"),
        instant(rs, "delivered_at"),
        List.of());
  }
}
