package dev.vigil.notifications;

import static dev.vigil.storage.Sql.ts;

import dev.vigil.storage.Sql;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code compliance_notified}: the status last notified per (server, benchmark, profile). */
@Repository
class ComplianceWatchRepository {

  /** A pair's key; {@code benchmarkId} is "" when the benchmark is not known. */
  record Pair(long serverId, String benchmarkId, String profileId) {
    Pair {
      benchmarkId = benchmarkId == null ? "" : benchmarkId;
    }
  }

  private final JdbcClient jdbc;

  ComplianceWatchRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The stored statuses of these servers' pairs ({@code null}: every server). */
  Map<Pair, String> stored(@Nullable List<Long> serverIds) {
    Map<Pair, String> out = new HashMap<>();
    String select =
        "select c.server_id, c.benchmark_id, c.profile_id, c.status from compliance_notified c";
    if (serverIds == null) {
      jdbc.sql(select)
          .query(
              rs -> {
                out.put(pair(rs), rs.getString("status"));
              });
      return out;
    }
    Sql.byIdArrays(
        serverIds,
        ids -> {
          jdbc.sql(select + " join unnest(?) as u(v) on c.server_id = u.v")
              .param(ids)
              .query(
                  rs -> {
                    out.put(pair(rs), rs.getString("status"));
                  });
          return List.of();
        });
    return out;
  }

  private static Pair pair(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Pair(
        rs.getLong("server_id"), rs.getString("benchmark_id"), rs.getString("profile_id"));
  }

  /** A mark that a server's compliance may have changed. */
  record Mark(long id, long serverId) {}

  /** Marks a server to be checked, in the caller's transaction. */
  void mark(long serverId) {
    jdbc.sql("insert into compliance_pending (server_id) values (?)").param(serverId).update();
  }

  /** The oldest marks, at most {@code limit}. */
  List<Mark> marks(int limit) {
    return jdbc.sql("select id, server_id from compliance_pending order by id limit ?")
        .param(limit)
        .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
        .list();
  }

  /** Deletes these marks (and no mark made since they were read). */
  void clear(List<Mark> marks) {
    Sql.byIdArrays(
        marks.stream().map(Mark::id).toList(),
        ids -> {
          jdbc.sql("delete from compliance_pending where id = any(?)").param(ids).update();
          return List.of();
        });
  }

  /** Stores a pair seen for the first time; false when another transaction stored it first. */
  boolean insert(Pair p, String status, Instant now) {
    return jdbc.sql(
                "insert into compliance_notified (server_id, benchmark_id, profile_id, status,"
                    + " changed_at) values (?, ?, ?, ?, ?) on conflict do nothing")
            .params(p.serverId(), p.benchmarkId(), p.profileId(), status, ts(now))
            .update()
        == 1;
  }

  /** Moves a pair from {@code from} to {@code to}; false when it no longer was {@code from}. */
  boolean change(Pair p, String from, String to, Instant now) {
    return jdbc.sql(
                "update compliance_notified set status = ?, changed_at = ? where server_id = ?"
                    + " and benchmark_id = ? and profile_id = ? and status = ?")
            .params(to, ts(now), p.serverId(), p.benchmarkId(), p.profileId(), from)
            .update()
        == 1;
  }

  void delete(Pair p) {
    jdbc.sql(
            "delete from compliance_notified where server_id = ? and benchmark_id = ?"
                + " and profile_id = ?")
        .params(p.serverId(), p.benchmarkId(), p.profileId())
        .update();
  }
}
