package dev.vigil.inventory;

import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.shared.ListQuery;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Credentials in the database; the secret column is read only by {@link #secret}. */
@Repository
class CredentialRepository {

  private static final String COLUMNS =
      "c.id, c.name, c.type, c.username, c.key_fingerprint, c.updated_by, c.created_at,"
          + " c.updated_at";
  private static final Map<String, String> SORTS =
      Map.of("id", "c.id", "name", "lower(c.name)", "lastUpdated", "c.updated_at");

  private final JdbcClient jdbc;

  CredentialRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(Credential c, byte[] ciphertext) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into credentials (name, type, username, secret_ciphertext, key_fingerprint,"
                + " updated_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Sql.values(
                c.name(),
                c.type().code(),
                c.username(),
                ciphertext,
                c.keyFingerprint(),
                c.updatedBy(),
                ts(c.createdAt()),
                ts(c.updatedAt())))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
  }

  /** Updates the fields; a null {@code ciphertext} keeps the stored secret. */
  void update(Credential c, byte @Nullable [] ciphertext) {
    jdbc.sql(
            "update credentials set name = ?, type = ?, username = ?, key_fingerprint = ?,"
                + " updated_by = ?, updated_at = ? where id = ?")
        .params(
            Sql.values(
                c.name(),
                c.type().code(),
                c.username(),
                c.keyFingerprint(),
                c.updatedBy(),
                ts(c.updatedAt()),
                c.id()))
        .update();
    if (ciphertext != null) {
      updateSecret(c.id(), ciphertext);
    }
  }

  void updateSecret(long id, byte[] ciphertext) {
    jdbc.sql("update credentials set secret_ciphertext = ? where id = ?")
        .params(ciphertext, id)
        .update();
  }

  Optional<Credential> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from credentials c where c.id = ?")
        .param(id)
        .query(this::row)
        .optional();
  }

  Optional<Credential> findForUpdate(long id) {
    return jdbc.sql("select " + COLUMNS + " from credentials c where c.id = ? for update")
        .param(id)
        .query(this::row)
        .optional();
  }

  byte[] secret(long id) {
    return jdbc.sql("select secret_ciphertext from credentials where id = ?")
        .param(id)
        .query(byte[].class)
        .single();
  }

  /** Every credential id, locked, for a master key rotation. */
  List<Long> idsForUpdate() {
    return jdbc.sql("select id from credentials order by id for update").query(Long.class).list();
  }

  boolean nameTaken(String name, @Nullable Long exceptId) {
    return jdbc.sql("select count(*) from credentials where lower(name) = lower(?) and id <> ?")
            .params(name, exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<Credential> list(ListQuery q) {
    List<Object> params = new ArrayList<>();
    String order = SORTS.getOrDefault(q.sortOr(SORTS.keySet(), "name"), "lower(c.name)");
    String sql =
        "select "
            + COLUMNS
            + " from credentials c"
            + where(q, params)
            + " order by "
            + order
            + (q.descending() ? " desc" : " asc")
            + ", c.id limit ? offset ?";
    params.add(q.max());
    params.add(q.offset());
    return jdbc.sql(sql).params(params).query(this::row).list();
  }

  long count(ListQuery q) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("select count(*) from credentials c" + where(q, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  void delete(long id) {
    jdbc.sql("delete from credentials where id = ?").param(id).update();
  }

  private static String where(ListQuery q, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (q.name() != null) {
      clauses.add("c.name = ?");
      params.add(q.name());
    }
    if (q.phrase() != null) {
      clauses.add("(lower(c.name) like ? or lower(c.username) like ?)");
      params.add(Sql.contains(q.phrase()));
      params.add(Sql.contains(q.phrase()));
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private Credential row(ResultSet rs, int n) throws SQLException {
    return new Credential(
        rs.getLong("id"),
        rs.getString("name"),
        CredentialType.fromCode(rs.getString("type")).orElseThrow(),
        rs.getString("username"),
        rs.getString("key_fingerprint"),
        rs.getString("updated_by"),
        requiredInstant(rs, "created_at"),
        requiredInstant(rs, "updated_at"));
  }
}
