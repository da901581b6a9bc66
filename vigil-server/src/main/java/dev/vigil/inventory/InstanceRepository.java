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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Instances, their labels and member servers in the database. */
@Repository
class InstanceRepository {

  private static final Map<String, String> SORTS =
      Map.of("id", "i.id", "name", "lower(i.name)", "lastUpdated", "i.updated_at");

  private final JdbcClient jdbc;
  private final LabelTable labels;

  InstanceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.labels = new LabelTable(jdbc, "instance_labels", "instance_id");
  }

  long insert(Instance i, List<Long> serverIds) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into instances (name, description, created_at, updated_at)"
                + " values (?, ?, ?, ?)")
        .params(Sql.values(i.name(), i.description(), ts(i.createdAt()), ts(i.updatedAt())))
        .update(keys, "id");
    long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    labels.write(id, i.labels());
    writeMembers(id, serverIds);
    return id;
  }

  void update(Instance i, List<Long> serverIds) {
    jdbc.sql("update instances set name = ?, description = ?, updated_at = ? where id = ?")
        .params(Sql.values(i.name(), i.description(), ts(i.updatedAt()), i.id()))
        .update();
    labels.replace(i.id(), i.labels());
    jdbc.sql("delete from instance_servers where instance_id = ?").param(i.id()).update();
    writeMembers(i.id(), serverIds);
  }

  Optional<Instance> find(long id) {
    return jdbc.sql("select * from instances i where i.id = ?")
        .param(id)
        .query(this::row)
        .optional()
        .map(this::complete);
  }

  Optional<Instance> findForUpdate(long id) {
    jdbc.sql("select id from instances where id = ? for update")
        .param(id)
        .query(Long.class)
        .optional();
    return find(id);
  }

  /** The names of those of {@code ids} that exist, by id ({@link Sql#eachById}). */
  Map<Long, String> names(Collection<Long> ids) {
    Map<Long, String> out = new HashMap<>();
    Sql.eachById(
        jdbc,
        "instances",
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
    Sql.eachById(jdbc, "instances", "t.id", ids, r -> out.add(((Number) r[0]).longValue()));
    return out;
  }

  /** The ids of the instances carrying {@code label}, ascending. */
  List<Long> idsWithLabel(String label) {
    return labels.owners(label);
  }

  /**
   * The member server ids of each of the instances, in one query per {@value Sql#IDS_PER_ARRAY}
   * instances; an unknown id maps to none.
   */
  Map<Long, Set<Long>> memberIds(Collection<Long> instanceIds) {
    Map<Long, Set<Long>> members = new HashMap<>();
    if (instanceIds.isEmpty()) {
      return members;
    }
    Sql.byIdArrays(
            new LinkedHashSet<>(instanceIds),
            a ->
                jdbc.sql(
                        "select m.instance_id, m.server_id from instance_servers m"
                            + " join unnest(?) as u(v) on m.instance_id = u.v")
                    .param(a)
                    .query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                    .list())
        .forEach(e -> members.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
    return members;
  }

  List<Long> memberIds(long instanceId) {
    return jdbc.sql("select server_id from instance_servers where instance_id = ?")
        .param(instanceId)
        .query(Long.class)
        .list();
  }

  boolean nameTaken(String name, @Nullable Long exceptId) {
    return jdbc.sql("select count(*) from instances where lower(name) = lower(?) and id <> ?")
            .params(name, exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<Instance> list(ListQuery q) {
    List<Object> params = new ArrayList<>();
    String order = SORTS.getOrDefault(q.sortOr(SORTS.keySet(), "name"), "lower(i.name)");
    String sql =
        "select * from instances i"
            + where(q, params)
            + " order by "
            + order
            + (q.descending() ? " desc" : " asc")
            + ", i.id limit ? offset ?";
    params.add(q.max());
    params.add(q.offset());
    return jdbc.sql(sql).params(params).query(this::row).list().stream()
        .map(this::complete)
        .toList();
  }

  long count(ListQuery q) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("select count(*) from instances i" + where(q, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  void delete(long id) {
    jdbc.sql("delete from instances where id = ?").param(id).update();
  }

  private void writeMembers(long id, List<Long> serverIds) {
    for (Long serverId : new LinkedHashSet<>(serverIds)) {
      jdbc.sql("insert into instance_servers (instance_id, server_id) values (?, ?)")
          .params(id, serverId)
          .update();
    }
  }

  private static String where(ListQuery q, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (q.name() != null) {
      clauses.add("i.name = ?");
      params.add(q.name());
    }
    if (q.phrase() != null) {
      clauses.add("(lower(i.name) like ? or lower(coalesce(i.description, '')) like ?)");
      params.add(Sql.contains(q.phrase()));
      params.add(Sql.contains(q.phrase()));
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private Instance complete(Instance i) {
    List<Instance.Member> members =
        jdbc.sql(
                "select s.id, s.name from instance_servers m join servers s on s.id = m.server_id"
                    + " where m.instance_id = ? order by lower(s.name)")
            .param(i.id())
            .query((rs, n) -> new Instance.Member(rs.getLong("id"), rs.getString("name")))
            .list();
    return new Instance(
        i.id(),
        i.name(),
        i.description(),
        labels.read(i.id()),
        members,
        i.createdAt(),
        i.updatedAt());
  }

  private Instance row(ResultSet rs, int n) throws SQLException {
    return new Instance(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("description"),
        List.of(),
        List.of(),
        requiredInstant(rs, "created_at"),
        requiredInstant(rs, "updated_at"));
  }
}
