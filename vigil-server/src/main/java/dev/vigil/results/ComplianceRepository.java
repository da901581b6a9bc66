package dev.vigil.results;

import static dev.vigil.storage.Sql.instant;
import static dev.vigil.storage.Sql.marks;
import static dev.vigil.storage.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The grouped queries compliance is made of: the latest scan per (server, profile) or (job,
 * server), the latest failed target run per (server, job), which servers each job targets, and the
 * fleet's daily outcome. Reads the jobs', executions' and inventory's tables, never writes them. A
 * {@code null} server list means every server.
 */
@Repository
class ComplianceRepository {

  private static final String SCAN_COLUMNS =
      "s.id, s.server_id, s.profile_id, s.benchmark_id, s.finished_at, s.score, s.pass_count,"
          + " s.fixed_count, s.fail_count, s.error_count, s.not_applicable, s.job_id, s.job_name";

  private final JdbcClient jdbc;

  ComplianceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The latest scan of each (server, profile) of these servers (all servers when null). */
  List<ComplianceScan> latestPerProfile(List<Long> serverIds) {
    List<Object> params = new ArrayList<>();
    String filter = serverFilter("server_id", serverIds, params);
    return latestOnly(
        jdbc.sql(
                "select "
                    + SCAN_COLUMNS
                    + " from security_scans s join (select server_id, profile_id, max(finished_at)"
                    + " m from security_scans where "
                    + filter
                    + " group by server_id, profile_id) l on s.server_id = l.server_id"
                    + " and s.profile_id = l.profile_id and s.finished_at = l.m")
            .params(params)
            .query(ComplianceRepository::scan)
            .list(),
        false);
  }

  /** The latest scan each job made of each server, keyed by job id then server id. */
  Map<Long, Map<Long, ComplianceScan>> latestPerJob() {
    List<ComplianceScan> rows =
        latestOnly(
            jdbc.sql(
                    "select "
                        + SCAN_COLUMNS
                        + " from security_scans s join (select job_id, server_id, max(finished_at)"
                        + " m from security_scans where job_id is not null and server_id is not"
                        + " null group by job_id, server_id) l on s.job_id = l.job_id"
                        + " and s.server_id = l.server_id and s.finished_at = l.m")
                .query(ComplianceRepository::scan)
                .list(),
            true);
    Map<Long, Map<Long, ComplianceScan>> out = new HashMap<>();
    rows.forEach(s -> out.computeIfAbsent(s.jobId(), k -> new HashMap<>()).put(s.serverId(), s));
    return out;
  }

  /** When the latest failed or timed-out target run of each (server, job) ended. */
  List<FailedRun> lastFailures(List<Long> serverIds) {
    List<Object> params = new ArrayList<>();
    String filter = serverFilter("r.server_id", serverIds, params);
    return jdbc.sql(
            "select r.server_id, e.job_id, j.security_profile, max(r.finished_at) ended"
                + " from target_runs r join job_executions e on e.id = r.execution_id"
                + " join jobs j on j.id = e.job_id join servers v on v.id = r.server_id"
                + " where r.status in ('failed', 'timed_out') and r.finished_at is not null and "
                + filter
                + " group by r.server_id, e.job_id, j.security_profile")
        .params(params)
        .query(
            (rs, n) ->
                new FailedRun(
                    rs.getLong("server_id"),
                    rs.getLong("job_id"),
                    rs.getString("security_profile"),
                    instant(rs, "ended")))
        .list();
  }

  /** Every (job, server) a job targets now, servers directly or through instances. */
  List<JobTarget> targets(List<Long> serverIds) {
    List<Object> params = new ArrayList<>();
    String direct = serverFilter("t.ref_id", serverIds, params);
    String member = serverFilter("m.server_id", serverIds, params);
    return jdbc.sql(
            "select j.id job_id, j.security_profile, t.ref_id server_id from jobs j"
                + " join job_targets t on t.job_id = j.id join servers v on v.id = t.ref_id"
                + " where j.target_type = 'SERVER' and "
                + direct
                + " union select j.id, j.security_profile, m.server_id from jobs j"
                + " join job_targets t on t.job_id = j.id"
                + " join instance_servers m on m.instance_id = t.ref_id"
                + " where j.target_type = 'INSTANCE' and "
                + member)
        .params(params)
        .query((rs, n) -> new JobTarget(rs.getLong(1), rs.getString(2), rs.getLong(3)))
        .list();
  }

  /**
   * For each UTC day since {@code from}: per (server, profile), whether the day's last scan had a
   * failing rule. Streams the rows; keeps one flag per (server, profile, day).
   */
  Map<LocalDate, Map<Long, Boolean>> dailyOutcomes(Instant from) {
    Map<String, Instant> latestAt = new HashMap<>();
    Map<String, Boolean> latestFailed = new HashMap<>();
    jdbc.sql(
            "select server_id, profile_id, finished_at, fail_count from security_scans"
                + " where finished_at >= ? and server_id is not null")
        .param(ts(from))
        .query(
            rs -> {
              Instant at = instant(rs, "finished_at");
              String key =
                  rs.getLong("server_id")
                      + "\t"
                      + LocalDate.ofInstant(at, ZoneOffset.UTC)
                      + "\t"
                      + rs.getString("profile_id");
              Instant seen = latestAt.get(key);
              if (seen == null || at.isAfter(seen)) {
                latestAt.put(key, at);
                latestFailed.put(key, rs.getInt("fail_count") > 0);
              }
            });
    Map<LocalDate, Map<Long, Boolean>> out = new HashMap<>();
    latestFailed.forEach(
        (key, failed) -> {
          String[] parts = key.split("\t", 3);
          out.computeIfAbsent(LocalDate.parse(parts[1]), d -> new HashMap<>())
              .merge(Long.parseLong(parts[0]), failed, Boolean::logicalOr);
        });
    return out;
  }

  /** How many servers there are. */
  long serverCount() {
    return jdbc.sql("select count(*) from servers").query(Long.class).single();
  }

  private static String serverFilter(String column, List<Long> ids, List<Object> params) {
    if (ids == null) {
      return column + " is not null";
    }
    if (ids.isEmpty()) {
      return "1 = 0";
    }
    params.addAll(ids);
    return column + " in (" + marks(ids.size()) + ")";
  }

  /** Of scans that finished at the same instant, the one with the highest id. */
  private static List<ComplianceScan> latestOnly(List<ComplianceScan> rows, boolean byJob) {
    Map<String, ComplianceScan> best = new HashMap<>();
    for (ComplianceScan s : rows) {
      String key = byJob ? s.jobId() + "\t" + s.serverId() : s.serverId() + "\t" + s.profileId();
      best.merge(key, s, (a, b) -> a.id() >= b.id() ? a : b);
    }
    return new ArrayList<>(best.values());
  }

  private static ComplianceScan scan(ResultSet rs, int n) throws SQLException {
    return new ComplianceScan(
        rs.getLong("id"),
        rs.getLong("server_id"),
        rs.getString("profile_id"),
        rs.getString("benchmark_id"),
        instant(rs, "finished_at"),
        rs.getObject("score", Double.class),
        rs.getInt("pass_count") + rs.getInt("fixed_count"),
        rs.getInt("fail_count"),
        rs.getInt("error_count"),
        rs.getBoolean("not_applicable"),
        rs.getObject("job_id", Long.class),
        rs.getString("job_name"));
  }

  /** The latest failed or timed-out run of a server in a job, with the job's profile now. */
  record FailedRun(long serverId, long jobId, String profileId, Instant endedAt) {}

  /** A server a job targets, with the job's profile. */
  record JobTarget(long jobId, String profileId, long serverId) {}
}
