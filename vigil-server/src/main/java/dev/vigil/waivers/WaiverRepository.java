package dev.vigil.waivers;

import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;
import static dev.vigil.storage.Sql.values;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Waivers, their rules and steps; and the few reads of other features' tables a waiver needs: does
 * its scope exist, what is it called, which servers does it hold now, has a rule id ever been
 * reported. Never updates or deletes a step.
 */
@Repository
class WaiverRepository {

  private static final String COLUMNS =
      "id, name, reason, ticket, scope_type, scope_id, scope_label, benchmark_id, profile_id,"
          + " status, expires_at, requested_by_id, requested_by, created_at, updated_at";

  private final JdbcClient jdbc;

  WaiverRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every waiver, newest first, with its rules and steps (three queries). */
  List<Waiver> all() {
    return load("select " + COLUMNS + " from security_waivers order by id desc", List.of());
  }

  /** The waivers whose stored status is approved (active ones, and those expired since). */
  List<Waiver> approved() {
    return load(
        "select " + COLUMNS + " from security_waivers where status = ? order by id",
        List.of(WaiverStatus.APPROVED.code()));
  }

  Optional<Waiver> find(long id) {
    return load("select " + COLUMNS + " from security_waivers where id = ?", List.of(id)).stream()
        .findFirst();
  }

  long insert(NewWaiver w, long userId, String username, Instant now) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into security_waivers (name, reason, ticket, scope_type, scope_id,"
                + " scope_label, benchmark_id, profile_id, status, expires_at, requested_by_id,"
                + " requested_by, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            values(
                w.name(),
                w.reason(),
                w.ticket(),
                w.scopeType().code(),
                w.scopeId(),
                w.scopeLabel(),
                w.benchmarkId(),
                w.profileId(),
                WaiverStatus.REQUESTED.code(),
                ts(w.expiresAt()),
                userId,
                username,
                ts(now),
                ts(now)))
        .update(keys, "id");
    long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    int position = 0;
    for (String rule : w.ruleIds()) {
      jdbc.sql("insert into security_waiver_rules (waiver_id, position, rule_id) values (?, ?, ?)")
          .params(id, position++, rule)
          .update();
    }
    return id;
  }

  /** Moves the waiver from {@code from} to {@code to}; false when it no longer stood at from. */
  boolean setStatus(long id, WaiverStatus from, WaiverStatus to, Instant now) {
    return jdbc.sql(
                "update security_waivers set status = ?, updated_at = ? where id = ? and status = ?")
            .params(to.code(), ts(now), id, from.code())
            .update()
        == 1;
  }

  void addStep(long waiverId, String action, long userId, String username, Instant at, String why) {
    jdbc.sql(
            "insert into security_waiver_steps (waiver_id, action, user_id, username, at, reason)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(waiverId, action, userId, username, ts(at), why)
        .update();
  }

  boolean serverExists(long id) {
    return exists("select count(*) from servers where id = ?", id);
  }

  boolean instanceExists(long id) {
    return exists("select count(*) from instances where id = ?", id);
  }

  boolean jobExists(long id) {
    return exists("select count(*) from jobs where id = ?", id);
  }

  /** True when some stored scan has reported this rule id. */
  boolean ruleKnown(String ruleId) {
    return jdbc.sql(
                "select count(*) from (select rule_id from scan_rule_entries where rule_id = ?"
                    + " union all select rule_id from security_scan_rules where rule_id = ?) r")
            .params(ruleId, ruleId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The servers a scope holds now: the server itself, an instance's, a label's, a job's. */
  Set<Long> members(WaiverScopeType type, @Nullable Long id, @Nullable String label) {
    List<Long> ids =
        switch (type) {
          case SERVER -> id != null && serverExists(id) ? List.of(id) : List.of();
          case INSTANCE ->
              jdbc.sql("select server_id from instance_servers where instance_id = ?")
                  .param(id)
                  .query(Long.class)
                  .list();
          case SERVER_LABEL ->
              jdbc.sql("select server_id from server_labels where label = ?")
                  .param(label)
                  .query(Long.class)
                  .list();
          case JOB ->
              jdbc.sql(
                      "select t.ref_id from jobs j join job_targets t on t.job_id = j.id"
                          + " join servers v on v.id = t.ref_id"
                          + " where j.target_type = 'SERVER' and j.id = ?"
                          + " union select m.server_id from jobs j"
                          + " join job_targets t on t.job_id = j.id"
                          + " join instance_servers m on m.instance_id = t.ref_id"
                          + " where j.target_type = 'INSTANCE' and j.id = ?")
                  .params(values(id, id))
                  .query(Long.class)
                  .list();
        };
    return new HashSet<>(ids);
  }

  private boolean exists(String sql, long id) {
    return jdbc.sql(sql).param(id).query(Long.class).single() > 0;
  }

  private List<Waiver> load(String sql, List<Object> params) {
    List<Row> rows =
        jdbc.sql(sql)
            .params(params)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("reason"),
                        rs.getString("ticket"),
                        code(WaiverScopeType.ofCode(rs.getString("scope_type")), "scope_type"),
                        (Long) rs.getObject("scope_id", Long.class),
                        rs.getString("scope_label"),
                        rs.getString("benchmark_id"),
                        rs.getString("profile_id"),
                        code(WaiverStatus.ofCode(rs.getString("status")), "status"),
                        requiredInstant(rs, "expires_at"),
                        rs.getLong("requested_by_id"),
                        rs.getString("requested_by"),
                        requiredInstant(rs, "created_at"),
                        requiredInstant(rs, "updated_at")))
            .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<String>> rules = new HashMap<>();
    jdbc.sql("select waiver_id, rule_id from security_waiver_rules order by waiver_id, position")
        .query(
            rs -> {
              rules.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            });
    Map<Long, List<WaiverStep>> steps = new HashMap<>();
    jdbc.sql(
            "select waiver_id, action, user_id, username, at, reason from security_waiver_steps"
                + " order by waiver_id, id")
        .query(
            rs -> {
              steps
                  .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                  .add(
                      new WaiverStep(
                          rs.getString(2),
                          rs.getLong(3),
                          rs.getString(4),
                          requiredInstant(rs, "at"),
                          rs.getString(6)));
            });
    Map<String, String> names = scopeNames();
    List<Waiver> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      String name = r.scopeId == null ? null : names.get(r.scopeType.code() + "\t" + r.scopeId);
      out.add(
          new Waiver(
              r.id,
              r.name,
              r.reason,
              r.ticket,
              new WaiverScope(r.scopeType, r.scopeId, r.scopeLabel, name),
              r.benchmarkId,
              r.profileId,
              rules.getOrDefault(r.id, List.of()),
              r.status,
              r.expiresAt,
              r.requestedById,
              r.requestedBy,
              r.createdAt,
              r.updatedAt,
              steps.getOrDefault(r.id, List.of())));
    }
    return out;
  }

  /** "server\t12" → its name, for the servers, instances and jobs waivers name. */
  private Map<String, String> scopeNames() {
    Map<String, String> out = new HashMap<>();
    jdbc.sql(
            "select w.scope_type, w.scope_id, coalesce(s.name, i.name, j.name)"
                + " from (select distinct scope_type, scope_id from security_waivers"
                + " where scope_id is not null) w"
                + " left join servers s on w.scope_type = 'server' and s.id = w.scope_id"
                + " left join instances i on w.scope_type = 'instance' and i.id = w.scope_id"
                + " left join jobs j on w.scope_type = 'job' and j.id = w.scope_id")
        .query(
            rs -> {
              out.put(rs.getString(1) + "\t" + rs.getLong(2), rs.getString(3));
            });
    return out;
  }

  /** A stored code as its enum: the column holds only codes the service wrote. */
  private static <T> T code(@Nullable T known, String column) throws SQLException {
    if (known == null) {
      throw new SQLException("unknown " + column + " in security_waivers");
    }
    return known;
  }

  private record Row(
      long id,
      String name,
      String reason,
      String ticket,
      WaiverScopeType scopeType,
      @Nullable Long scopeId,
      @Nullable String scopeLabel,
      String benchmarkId,
      String profileId,
      WaiverStatus status,
      Instant expiresAt,
      long requestedById,
      String requestedBy,
      Instant createdAt,
      Instant updatedAt) {}
}
