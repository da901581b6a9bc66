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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The grouped queries compliance is made of: the latest scan per (server, benchmark, profile) or
 * (job, server), the latest failed target run per (server, job), which servers each job targets,
 * each job's benchmark and titles from the package index, and the fleet's daily outcome. Reads the
 * jobs', executions', packages' and inventory's tables, never writes them. A {@code null} server
 * list means every server.
 */
@Repository
class ComplianceRepository {

  private static final String SCAN_COLUMNS =
      "s.id, s.server_id, s.profile_id, s.benchmark_id, s.finished_at, s.score, s.score_max,"
          + " s.pass_count,"
          + " s.fixed_count, s.fail_count, s.error_count, s.unknown_count, s.notchecked_count,"
          + " s.notapplicable_count, s.not_applicable, s.job_id, s.job_name";

  private final JdbcClient jdbc;

  ComplianceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The latest scan of each (server, benchmark, profile) of these servers (all when null), with the
   * benchmark and profile titles it recorded (V20). Joined back on (server, profile, finished_at)
   * so the database walks the index of V12; the benchmark is matched here.
   */
  List<ComplianceScan> latestPerProfile(List<Long> serverIds) {
    List<Object> params = new ArrayList<>();
    String filter = serverFilter("server_id", serverIds, params);
    List<ComplianceScan> rows = new ArrayList<>();
    jdbc.sql(
            "select "
                + SCAN_COLUMNS
                + ", s.benchmark_title, s.profile_title, l.benchmark_id latest_benchmark"
                + " from security_scans s join (select server_id, benchmark_id, profile_id,"
                + " max(finished_at) m from security_scans where "
                + filter
                + " group by server_id, benchmark_id, profile_id) l"
                + " on s.server_id = l.server_id and s.profile_id = l.profile_id"
                + " and s.finished_at = l.m")
        .params(params)
        .query(
            rs -> {
              ComplianceScan s =
                  scan(rs, rs.getString("benchmark_title"), rs.getString("profile_title"));
              if (Objects.equals(s.benchmarkId(), rs.getString("latest_benchmark"))) {
                rows.add(s);
              }
            });
    return latestOnly(rows, false);
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
                .query((rs, n) -> scan(rs, null, null))
                .list(),
            true);
    Map<Long, Map<Long, ComplianceScan>> out = new HashMap<>();
    rows.forEach(s -> out.computeIfAbsent(s.jobId(), k -> new HashMap<>()).put(s.serverId(), s));
    return out;
  }

  /**
   * When the latest failed or timed-out target run of each (server, job, pinned plan) ended, with
   * the benchmark and profile of the plan its execution pinned: the profile the plan names and the
   * benchmark the plan's version indexes for its checklist (a checklist holding several benchmarks:
   * the one that has the profile). Executions that pinned no plan take the job's profile now and
   * carry no plan content (the caller takes the job's).
   */
  List<FailedRun> lastFailures(List<Long> serverIds) {
    List<Object> params = new ArrayList<>();
    String filter = serverFilter("r.server_id", serverIds, params);
    Map<String, FailedRun> out = new LinkedHashMap<>();
    jdbc.sql(
            "select g.server_id, g.job_id, g.profile_id, g.version_id, g.scan_path, g.ended,"
                + " c.benchmark_id, c.title, pp.title profile_title from (select server_id,"
                + " job_id, profile_id, version_id, scan_path, max(ended) ended from (select"
                + " r.server_id, e.job_id, coalesce(e.plan_profile, j.security_profile)"
                + " profile_id, e.plan_version_id version_id, e.plan_scan_path scan_path,"
                + " r.finished_at ended from target_runs r"
                + " join job_executions e on e.id = r.execution_id"
                + " join jobs j on j.id = e.job_id join servers v on v.id = r.server_id"
                + " where r.status in ('failed', 'timed_out') and r.finished_at is not null and "
                + filter
                + ") f group by server_id, job_id, profile_id, version_id, scan_path) g"
                + " left join security_package_checklists c on c.version_id = g.version_id"
                + " and c.path = g.scan_path"
                + " left join security_package_profiles pp on pp.checklist_id = c.id"
                + " and pp.profile_id = g.profile_id")
        .params(params)
        .query(
            rs -> {
              long jobId = rs.getLong("job_id");
              String profile = rs.getString("profile_id");
              Object version = rs.getObject("version_id");
              FailedRun f =
                  new FailedRun(
                      rs.getLong("server_id"),
                      jobId,
                      profile,
                      instant(rs, "ended"),
                      version == null
                          ? null
                          : new JobContent(
                              jobId,
                              rs.getString("benchmark_id"),
                              profile,
                              rs.getString("title"),
                              rs.getString("profile_title")));
              String key =
                  f.serverId()
                      + "\t"
                      + jobId
                      + "\t"
                      + profile
                      + "\t"
                      + version
                      + "\t"
                      + rs.getString("scan_path");
              out.merge(
                  key, f, (a, b) -> a.plan() != null && a.plan().profileTitle() != null ? a : b);
            });
    return new ArrayList<>(out.values());
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
   * Each job's benchmark and titles as its package's current version indexes its checklist and
   * profile (a checklist holding several benchmarks: the one that has the profile); a job whose
   * checklist is not indexed has none. A failed run is keyed by its execution's plan instead
   * ({@link #lastFailures}); this content serves the job's targets and runs without a plan.
   */
  Map<Long, JobContent> jobContent() {
    Map<Long, JobContent> out = new HashMap<>();
    jdbc.sql(
            "select j.id, j.security_profile, c.benchmark_id, c.title, pp.title profile_title"
                + " from jobs j join security_packages p on p.id = j.security_package_id"
                + " left join security_package_checklists c on c.version_id = p.current_version_id"
                + " and c.path = j.scan_path"
                + " left join security_package_profiles pp on pp.checklist_id = c.id"
                + " and pp.profile_id = j.security_profile")
        .query(
            (rs, n) ->
                new JobContent(
                    rs.getLong(1),
                    rs.getString(3),
                    rs.getString(2),
                    rs.getString(4),
                    rs.getString(5)))
        .list()
        .forEach(c -> out.merge(c.jobId(), c, (a, b) -> a.profileTitle() != null ? a : b));
    return out;
  }

  /**
   * For each UTC day since {@code from}: per server, the worst verdict ({@link
   * ComplianceRules#verdict}) of the day's last scan of each (benchmark, profile). Streams the
   * rows; keeps one verdict per (server, benchmark, profile, day).
   */
  Map<LocalDate, Map<Long, ComplianceStatus>> dailyVerdicts(Instant from) {
    Map<String, ComplianceScan> latest = new HashMap<>();
    jdbc.sql(
            "select "
                + SCAN_COLUMNS
                + " from security_scans s where s.finished_at >= ? and s.server_id is not null")
        .param(ts(from))
        .query(
            rs -> {
              ComplianceScan s = scan(rs, null, null);
              String key =
                  s.serverId()
                      + "\t"
                      + LocalDate.ofInstant(s.scanDate(), ZoneOffset.UTC)
                      + "\t"
                      + s.benchmarkId()
                      + "\t"
                      + s.profileId();
              latest.merge(key, s, ComplianceRepository::later);
            });
    Map<LocalDate, Map<Long, ComplianceStatus>> out = new HashMap<>();
    latest.forEach(
        (key, s) ->
            out.computeIfAbsent(LocalDate.parse(key.split("\t", 3)[1]), d -> new HashMap<>())
                .merge(s.serverId(), ComplianceRules.verdict(s), ComplianceStatus::worst));
    return out;
  }

  /**
   * The latest {@code max} scans of one (server, benchmark, profile), newest first, from the V12
   * index (a null benchmark matches scans without one).
   */
  List<ComplianceScore> trend(long serverId, String benchmarkId, String profileId, int max) {
    return jdbc.sql(
            "select id, finished_at, score, score_max, fail_count from security_scans"
                + " where server_id = ? and profile_id = ? and coalesce(benchmark_id, '') = ?"
                + " order by finished_at desc, id desc limit ?")
        .params(serverId, profileId, benchmarkId == null ? "" : benchmarkId, max)
        .query(
            (rs, n) ->
                new ComplianceScore(
                    rs.getLong("id"),
                    instant(rs, "finished_at"),
                    rs.getObject("score", Double.class),
                    rs.getObject("score_max", Double.class),
                    rs.getInt("fail_count")))
        .list();
  }

  /** Every server's id, ascending. */
  List<Long> serverIds() {
    return jdbc.sql("select id from servers order by id").query(Long.class).list();
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
      String key =
          byJob
              ? s.jobId() + "\t" + s.serverId()
              : s.serverId() + "\t" + s.benchmarkId() + "\t" + s.profileId();
      best.merge(key, s, (a, b) -> a.id() >= b.id() ? a : b);
    }
    return new ArrayList<>(best.values());
  }

  private static ComplianceScan later(ComplianceScan a, ComplianceScan b) {
    int byTime = a.scanDate().compareTo(b.scanDate());
    return byTime > 0 || (byTime == 0 && a.id() >= b.id()) ? a : b;
  }

  private static ComplianceScan scan(ResultSet rs, String benchmarkTitle, String profileTitle)
      throws SQLException {
    return new ComplianceScan(
        rs.getLong("id"),
        rs.getLong("server_id"),
        rs.getString("profile_id"),
        rs.getString("benchmark_id"),
        profileTitle,
        benchmarkTitle,
        instant(rs, "finished_at"),
        rs.getObject("score", Double.class),
        rs.getObject("score_max", Double.class),
        rs.getInt("pass_count") + rs.getInt("fixed_count"),
        rs.getInt("fail_count"),
        rs.getInt("error_count"),
        rs.getInt("unknown_count"),
        rs.getInt("notchecked_count"),
        rs.getInt("notapplicable_count"),
        rs.getBoolean("not_applicable"),
        rs.getObject("job_id", Long.class),
        rs.getString("job_name"));
  }

  /**
   * The latest failed or timed-out run of a server in a job under one pinned plan: the plan's
   * profile and content ({@code plan}, its benchmark null when the plan's checklist is not
   * indexed), or for executions that pinned no plan the job's profile now and a null {@code plan}.
   */
  record FailedRun(long serverId, long jobId, String profileId, Instant endedAt, JobContent plan) {}

  /** A server a job targets, with the job's profile. */
  record JobTarget(long jobId, String profileId, long serverId) {}

  /** A job's benchmark (null when its checklist is not indexed), profile and their titles. */
  record JobContent(
      long jobId,
      String benchmarkId,
      String profileId,
      String benchmarkTitle,
      String profileTitle) {}
}
