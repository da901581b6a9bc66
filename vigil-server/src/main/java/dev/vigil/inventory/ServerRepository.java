package dev.vigil.inventory;

import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.shared.ListQuery;
import dev.vigil.storage.LabelTable;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Servers, their labels, host key state and last connection test in the database. */
@Repository
class ServerRepository {

  private static final String SELECT =
      "select s.*, c.name as credential_name from servers s"
          + " left join credentials c on c.id = s.credential_id";
  private static final Map<String, String> SORTS =
      Map.of("id", "s.id", "name", "lower(s.name)", "lastUpdated", "s.updated_at");

  private final JdbcClient jdbc;
  private final LabelTable labels;

  ServerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.labels = new LabelTable(jdbc, "server_labels", "server_id");
  }

  long insert(
      ServerValidator.Fields f,
      @Nullable String hostKey,
      @Nullable String description,
      List<String> lbls,
      java.time.Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into servers (name, ssh_host, ssh_port, ssh_username, credential_id,"
                + " privilege_mode, connection_type, host_key_fingerprint, host_key_expected,"
                + " description, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Sql.values(
                f.name(),
                f.sshHost(),
                f.sshPort(),
                f.sshUsername(),
                f.credentialId(),
                f.privilegeMode().code(),
                f.connectionType().code(),
                hostKey,
                hostKey != null,
                description,
                ts(now),
                ts(now)))
        .update(keys, "id");
    long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    labels.write(id, lbls);
    return id;
  }

  void update(Server s) {
    jdbc.sql(
            "update servers set name = ?, ssh_host = ?, ssh_port = ?, ssh_username = ?,"
                + " credential_id = ?, privilege_mode = ?, connection_type = ?,"
                + " host_key_fingerprint = ?, host_key_expected = ?, pending_host_key = ?,"
                + " description = ?, updated_at = ? where id = ?")
        .params(
            Sql.values(
                s.name(),
                s.sshHost(),
                s.sshPort(),
                s.sshUsername(),
                s.credentialId(),
                s.privilegeMode().code(),
                s.connectionType().code(),
                s.hostKeyFingerprint(),
                s.hostKeyExpected(),
                s.pendingHostKey(),
                s.description(),
                ts(s.updatedAt()),
                s.id()))
        .update();
    labels.replace(s.id(), s.labels());
  }

  /** Pins {@code fingerprint} only while no key is pinned; false when one already was. */
  boolean pinIfUnpinned(long id, String fingerprint) {
    return jdbc.sql(
                "update servers set host_key_fingerprint = ?, pending_host_key = null"
                    + " where id = ? and host_key_fingerprint is null")
            .params(fingerprint, id)
            .update()
        == 1;
  }

  void setPendingHostKey(long id, String fingerprint) {
    jdbc.sql("update servers set pending_host_key = ? where id = ?")
        .params(fingerprint, id)
        .update();
  }

  void recordTest(long id, LastTest t) {
    LastTestColumns.write(jdbc, id, t);
  }

  void recordOs(long id, String os) {
    // written only when it changed: a re-scan neither rewrites nor locks the server's row
    jdbc.sql("update servers set os_name = ? where id = ? and (os_name is null or os_name <> ?)")
        .params(os, id, os)
        .update();
  }

  Optional<String> osName(long id) {
    return jdbc.sql("select os_name from servers where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  Optional<Server> find(long id) {
    return jdbc.sql(SELECT + " where s.id = ?")
        .param(id)
        .query(this::row)
        .optional()
        .map(this::withLabels);
  }

  Optional<Server> findForUpdate(long id) {
    jdbc.sql("select id from servers where id = ? for update")
        .param(id)
        .query(Long.class)
        .optional();
    return find(id);
  }

  boolean nameTaken(String name, @Nullable Long exceptId) {
    return jdbc.sql("select count(*) from servers where lower(name) = lower(?) and id <> ?")
            .params(name, exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<Server> list(ListQuery q) {
    return list(q, null);
  }

  /** A page of the servers matching the query among {@code only} (all when null). */
  List<Server> list(ListQuery q, @Nullable Collection<Long> only) {
    List<Object> params = new ArrayList<>();
    String order = SORTS.getOrDefault(q.sortOr(SORTS.keySet(), "name"), "lower(s.name)");
    String sql =
        SELECT
            + where(q, only, params)
            + " order by "
            + order
            + (q.descending() ? " desc" : " asc")
            + ", s.id limit ? offset ?";
    params.add(q.max());
    params.add(q.offset());
    // the labels of the whole page in one query (a page may be every server: the job form's
    // targets)
    List<Server> found = jdbc.sql(sql).params(params).query(this::row).list();
    List<Long> ids = found.stream().map(Server::id).toList();
    Map<Long, List<String>> all = new HashMap<>();
    for (int i = 0; i < ids.size(); i += LABEL_CHUNK) {
      all.putAll(labels.readAll(ids.subList(i, Math.min(ids.size(), i + LABEL_CHUNK))));
    }
    return found.stream().map(s -> withLabels(s, all.getOrDefault(s.id(), List.of()))).toList();
  }

  /** Labels are read for at most this many servers a query (one bind parameter each). */
  private static final int LABEL_CHUNK = 10_000;

  long count(ListQuery q) {
    return count(q, null);
  }

  /** How many servers match the query among {@code only} (all when null). */
  long count(ListQuery q, @Nullable Collection<Long> only) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("select count(*) from servers s" + where(q, only, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  /** The ids of the servers carrying {@code label}, ascending. */
  List<Long> idsWithLabel(String label) {
    return labels.owners(label);
  }

  List<Server> byIds(Collection<Long> ids) {
    List<Server> found =
        Sql.byIdArrays(
                ids,
                a ->
                    jdbc.sql(SELECT + " join unnest(?) as u(v) on s.id = u.v")
                        .param(a)
                        .query(this::row)
                        .list())
            .stream()
            .sorted(Comparator.comparing((Server s) -> s.name().toLowerCase(Locale.ROOT)))
            .toList();
    Map<Long, List<String>> all = labels.readAll(found.stream().map(Server::id).toList());
    return found.stream().map(s -> withLabels(s, all.getOrDefault(s.id(), List.of()))).toList();
  }

  /** The names of those of {@code ids} that exist, by id ({@link Sql#eachById}). */
  Map<Long, String> names(Collection<Long> ids) {
    Map<Long, String> out = new HashMap<>();
    Sql.eachById(
        jdbc,
        "servers",
        "t.id, t.name",
        ids,
        r -> out.put(((Number) r[0]).longValue(), (String) r[1]));
    return out;
  }

  /** Which of {@code ids} exist ({@link Sql#eachById}). */
  Set<Long> existing(Collection<Long> ids) {
    // A HashSet, not Set.copyOf: the immutable set's linear probing degenerates on runs of
    // consecutive ids (100,000 ids took seconds of probing alone).
    Set<Long> out = new HashSet<>();
    Sql.eachById(jdbc, "servers", "t.id", ids, r -> out.add(((Number) r[0]).longValue()));
    return out;
  }

  List<String> namesUsingCredential(long credentialId) {
    return jdbc.sql("select name from servers where credential_id = ? order by lower(name)")
        .param(credentialId)
        .query(String.class)
        .list();
  }

  void delete(long id) {
    jdbc.sql("delete from servers where id = ?").param(id).update();
  }

  private static String where(ListQuery q, @Nullable Collection<Long> only, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (only != null) {
      // one array parameter whatever the number of ids (H2 takes up to 65,536 elements)
      clauses.add("s.id = any(?)");
      params.add(only.toArray(Long[]::new));
    }
    if (q.name() != null) {
      clauses.add("s.name = ?");
      params.add(q.name());
    }
    if (q.phrase() != null) {
      clauses.add(
          "(lower(s.name) like ? or lower(coalesce(s.description, '')) like ?"
              + " or lower(s.ssh_host) like ?)");
      String like = Sql.contains(q.phrase());
      params.addAll(List.of(like, like, like));
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private Server withLabels(Server s) {
    return withLabels(s, labels.read(s.id()));
  }

  private static Server withLabels(Server s, List<String> labels) {
    return new Server(
        s.id(),
        s.name(),
        s.sshHost(),
        s.sshPort(),
        s.sshUsername(),
        s.credentialId(),
        s.credentialName(),
        s.privilegeMode(),
        s.connectionType(),
        s.hostKeyFingerprint(),
        s.hostKeyExpected(),
        s.pendingHostKey(),
        s.description(),
        labels,
        s.lastTest(),
        s.createdAt(),
        s.updatedAt());
  }

  private Server row(ResultSet rs, int n) throws SQLException {
    return new Server(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("ssh_host"),
        rs.getInt("ssh_port"),
        rs.getString("ssh_username"),
        rs.getObject("credential_id", Long.class),
        rs.getString("credential_name"),
        PrivilegeMode.fromCode(rs.getString("privilege_mode")).orElseThrow(),
        ConnectionType.fromCode(rs.getString("connection_type")).orElseThrow(),
        rs.getString("host_key_fingerprint"),
        rs.getBoolean("host_key_expected"),
        rs.getString("pending_host_key"),
        rs.getString("description"),
        List.of(),
        LastTestColumns.read(rs),
        requiredInstant(rs, "created_at"),
        requiredInstant(rs, "updated_at"));
  }
}
