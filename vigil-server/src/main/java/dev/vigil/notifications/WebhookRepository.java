package dev.vigil.notifications;

import static dev.vigil.storage.Sql.instant;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.shared.ListQuery;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Webhooks in the database; the sealed secret is read only by {@link #secret}. */
@Repository
class WebhookRepository {

  private static final String COLUMNS =
      "w.id, w.name, w.url, w.events, w.enabled, w.updated_by, w.created_at, w.updated_at";
  private static final Map<String, String> SORTS =
      Map.of("id", "w.id", "name", "lower(w.name)", "lastUpdated", "w.updated_at");

  private final JdbcClient jdbc;

  WebhookRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(Webhook w, byte[] sealedSecret) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into webhooks (name, url, secret_ciphertext, events, enabled, updated_by,"
                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            w.name(),
            w.url(),
            sealedSecret,
            String.join(",", w.eventCodes()),
            w.enabled(),
            w.updatedBy(),
            ts(w.createdAt()),
            ts(w.updatedAt()))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey()).longValue();
  }

  /** Updates the fields; a null {@code sealedSecret} keeps the stored secret. */
  void update(Webhook w, byte[] sealedSecret) {
    jdbc.sql(
            "update webhooks set name = ?, url = ?, events = ?, enabled = ?, updated_by = ?,"
                + " updated_at = ? where id = ?")
        .params(
            w.name(),
            w.url(),
            String.join(",", w.eventCodes()),
            w.enabled(),
            w.updatedBy(),
            ts(w.updatedAt()),
            w.id())
        .update();
    if (sealedSecret != null) {
      updateSecret(w.id(), sealedSecret);
    }
  }

  void updateSecret(long id, byte[] sealedSecret) {
    jdbc.sql("update webhooks set secret_ciphertext = ? where id = ?")
        .params(sealedSecret, id)
        .update();
  }

  byte[] secret(long id) {
    return jdbc.sql("select secret_ciphertext from webhooks where id = ?")
        .param(id)
        .query(byte[].class)
        .single();
  }

  List<Long> idsForUpdate() {
    return jdbc.sql("select id from webhooks order by id for update").query(Long.class).list();
  }

  Optional<Webhook> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from webhooks w where w.id = ?")
        .param(id)
        .query(WebhookRepository::row)
        .optional();
  }

  boolean nameTaken(String name, Long exceptId) {
    return jdbc.sql("select count(*) from webhooks where lower(name) = lower(?) and id <> ?")
            .params(name.trim(), exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The enabled webhooks that want {@code event}. */
  List<Webhook> subscribers(NotificationEvent event) {
    return jdbc
        .sql("select " + COLUMNS + " from webhooks w where w.enabled order by w.id")
        .query(WebhookRepository::row)
        .list()
        .stream()
        .filter(w -> w.wants(event))
        .toList();
  }

  List<Webhook> list(ListQuery q) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    String order =
        SORTS.getOrDefault(q.sortOr(SORTS.keySet(), "name"), "lower(w.name)")
            + (q.descending() ? " desc" : " asc")
            + ", w.id";
    String limit = q.max() == ListQuery.ALL ? "" : " limit " + q.max();
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from webhooks w"
                + where
                + " order by "
                + order
                + limit
                + " offset "
                + q.offset())
        .params(params)
        .query(WebhookRepository::row)
        .list();
  }

  long count(ListQuery q) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("select count(*) from webhooks w" + where(q, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  private static String where(ListQuery q, List<Object> params) {
    List<String> conditions = new ArrayList<>();
    if (q.name() != null) {
      conditions.add("lower(w.name) = lower(?)");
      params.add(q.name());
    }
    if (q.phrase() != null) {
      conditions.add("(lower(w.name) like ? or lower(w.url) like ?)");
      params.add(Sql.contains(q.phrase()));
      params.add(Sql.contains(q.phrase()));
    }
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  void delete(long id) {
    jdbc.sql("delete from webhooks where id = ?").param(id).update();
  }

  private static Webhook row(ResultSet rs, int n) throws SQLException {
    List<NotificationEvent> events =
        Arrays.stream(rs.getString("events").split(","))
            .map(NotificationEvent::fromCode)
            .filter(Objects::nonNull)
            .toList();
    return new Webhook(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("url"),
        events,
        rs.getBoolean("enabled"),
        rs.getString("updated_by"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }
}
