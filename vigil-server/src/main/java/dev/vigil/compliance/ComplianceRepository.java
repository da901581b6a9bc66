package dev.vigil.compliance;

import static dev.vigil.storage.Sql.instant;
import static dev.vigil.storage.Sql.marks;

import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queries compliance is made of: the latest scan per (server, benchmark, profile) or (job,
 * server) and the fleet's daily outcome from the read model kept at record time ({@link
 * ComplianceReadModel}, V32/V33), the latest failed target run per (server, job), which servers
 * each job targets, and each job's benchmark and titles from the package index. Reads the jobs',
 * executions', packages' and inventory's tables, never writes them. A {@code null} server list
 * means every server.
 */
@Repository
class ComplianceRepository {

  private static final String SCAN_COLUMNS =
      "s.scan_id id, s.server_id, s.profile_id, s.benchmark_id, s.finished_at, s.score,"
          + " s.score_max, s.pass_count,"
          + " s.fixed_count, s.fail_count, s.error_count, s.unknown_count, s.notchecked_count,"
          + " s.notapplicable_count, s.not_applicable, s.job_id, s.job_name";

  private final JdbcClient jdbc;

  ComplianceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The latest scan of each (server, benchmark, profile) of these servers (all when null), with the
   * benchmark and profile titles it recorded, from the read model kept at record time ({@code
   * compliance_latest}, V32): one row per pair.
   */
  List<ComplianceScan> latestPerProfile(List<Long> serverIds) {
    List<Object> params = new ArrayList<>();
    String filter = serverFilter("s.server_id", serverIds, params);
    return jdbc.sql(
            "select "
                + SCAN_COLUMNS
                + ", s.benchmark_title, s.profile_title from compliance_latest s where "
                + filter)
        .params(params)
        .query((rs, n) -> scan(rs, rs.getString("benchmark_title"), rs.getString("profile_title")))
        .list();
  }

  /**
   * The latest scan each job made of each server, keyed by job id then server id, from the read
   * model kept at record time ({@code compliance_job_latest}, V32).
   */
  Map<Long, Map<Long, ComplianceScan>> latestPerJob() {
    List<ComplianceScan> rows =
        jdbc.sql(
                "select s.scan_id id, s.server_id, s.profile_id, s.benchmark_id, s.finished_at,"
                    + " s.score, s.score_max, s.pass_count, s.fixed_count, s.fail_count,"
                    + " s.error_count, s.unknown_count, s.notchecked_count,"
                    + " s.notapplicable_count, s.not_applicable, s.job_id, s.job_name"
                    + " from compliance_job_latest s")
            .query((rs, n) -> scan(rs, null, null))
            .list();
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
   * For each UTC day from {@code first}: how many servers were scanned, and how many of them the
   * worst verdict ({@link ComplianceRules#verdict}) of the day's last scan of each (benchmark,
   * profile) makes compliant and non-compliant, from the chart rows kept at record time ({@code
   * compliance_days}, V33) in one grouped query: {scanned, compliant, non-compliant} by day.
   */
  Map<LocalDate, int[]> dailyCounts(LocalDate first) {
    Map<LocalDate, int[]> out = new HashMap<>();
    jdbc.sql(
            "select scan_day, worst, count(*) from (select scan_day, server_id, max(verdict)"
                + " worst from compliance_days where scan_day >= ? group by scan_day, server_id) t"
                + " group by scan_day, worst")
        .param(first)
        .query(
            rs -> {
              int[] c = out.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new int[3]);
              int worst = rs.getInt(2);
              int n = rs.getInt(3);
              c[0] += n;
              if (worst == ComplianceStatus.COMPLIANT.rank()) {
                c[1] += n;
              } else if (worst == ComplianceStatus.NON_COMPLIANT.rank()) {
                c[2] += n;
              }
            });
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
