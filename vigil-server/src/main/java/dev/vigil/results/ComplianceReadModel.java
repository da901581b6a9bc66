package dev.vigil.results;

import static dev.vigil.storage.Sql.ts;

import dev.vigil.storage.Sql;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The compliance read model kept at record time (V32): {@code compliance_latest}, the latest scan
 * of each (server, benchmark, profile), and {@code compliance_job_latest}, the latest scan each job
 * made of each server, both copies of the scans' {@code compliance_scans} rows (latest: the later
 * finish time, then the higher scan id). {@link #recorded} runs in the transaction that records a
 * scan; a deletion of scans asks {@link #latestServers} first and {@link #recompute}s those servers
 * after; a deleted server takes its rows with it (cascade). Statuses are not stored: they are
 * decided per request from these rows with the waivers and the clock of the moment.
 */
@Component
public class ComplianceReadModel {

  private static final String PAIR_COLUMNS =
      "server_id, benchmark_key, profile_id, scan_id, benchmark_id, finished_at, score, score_max,"
          + " pass_count, fixed_count, fail_count, error_count, unknown_count, notchecked_count,"
          + " notapplicable_count, not_applicable, job_id, job_name, benchmark_title,"
          + " profile_title";
  private static final String PAIR_SELECT =
      "server_id, coalesce(benchmark_id, ''), profile_id, scan_id, benchmark_id, finished_at,"
          + " score, score_max, pass_count, fixed_count, fail_count, error_count, unknown_count,"
          + " notchecked_count, notapplicable_count, not_applicable, job_id, job_name,"
          + " benchmark_title, profile_title";
  private static final String JOB_COLUMNS =
      "job_id, server_id, scan_id, benchmark_id, profile_id, finished_at, score, score_max,"
          + " pass_count, fixed_count, fail_count, error_count, unknown_count, notchecked_count,"
          + " notapplicable_count, not_applicable, job_name";

  /** The day (UTC) of a {@code compliance_scans c} row. */
  private static final String DAY = "cast(c.finished_at at time zone 'UTC' as date)";

  /** {@link ComplianceRules#verdict} of a {@code compliance_scans c} row as its status's rank. */
  static final String VERDICT =
      "case when c.fail_count > 0 then 6 when c.error_count > 0 or c.unknown_count > 0 then 5"
          + " when c.pass_count + c.fixed_count > 0 then 1"
          + " when c.not_applicable and c.notapplicable_count > 0 then 0 else 3 end";

  private final JdbcClient jdbc;

  /**
   * How a writer of these rows locks a server's row first, so that two recordings (or a recording
   * and a deletion) of one server take turns instead of racing on the same (server, benchmark,
   * profile) key, where the later insert would fail on the primary key or the older scan would win.
   * PostgreSQL: {@code for no key update}, which does not conflict with the key-share lock the
   * recording's own foreign keys hold (two recordings holding those and asking {@code for update}
   * would deadlock); H2 knows only {@code for update}.
   */
  private final String serverLock;

  /**
   * PostgreSQL: a recording replaces an older row of a key with one upsert ({@code on conflict do
   * update ... where} the row is older), decided by the primary key; H2, which has no {@code do
   * update}: a delete of the older row, then an insert unless a row is left. The two-statement form
   * also left the delete to the planner, which on a table without statistics yet (a new
   * installation's first scans) chose the pair index and read every server's row of the pair.
   */
  private final boolean upsert;

  public ComplianceReadModel(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.upsert = Sql.isPostgres(dataSource);
    this.serverLock = upsert ? " for no key update" : " for update";
  }

  /** {@code on conflict (key) do update set} every other column {@code where} the row is older. */
  private static String replaceOlder(String table, String key, String columns) {
    java.util.List<String> keys = java.util.Arrays.asList(key.split(", "));
    String set =
        java.util.Arrays.stream(columns.split(", "))
            .filter(c -> !keys.contains(c))
            .map(c -> c + " = excluded." + c)
            .collect(java.util.stream.Collectors.joining(", "));
    return " on conflict ("
        + key
        + ") do update set "
        + set
        + " where "
        + table
        + ".finished_at < excluded.finished_at or ("
        + table
        + ".finished_at = excluded.finished_at and "
        + table
        + ".scan_id < excluded.scan_id)";
  }

  private static final String PAIR_KEY = "server_id, benchmark_key, profile_id";
  private static final String DAY_COLUMNS =
      "scan_day, server_id, benchmark_key, profile_id, scan_id, finished_at, verdict";
  private static final String DAY_KEY = "scan_day, server_id, benchmark_key, profile_id";
  private static final String JOB_KEY = "job_id, server_id";

  /** Locks these servers' rows, in id order (every writer takes them in that order). */
  private void lockServers(java.util.Collection<Long> serverIds) {
    if (serverIds.isEmpty()) {
      return;
    }
    jdbc.sql("select id from servers where id = any(?) order by id" + serverLock)
        .param(serverIds.stream().sorted().toArray(Long[]::new))
        .query(Long.class)
        .list();
  }

  /**
   * The statements that rebuild both tables from {@code compliance_scans} (as the migration
   * backfills them); for rows written around the application (benchmarks, test fixtures).
   */
  public static List<String> rebuildStatements() {
    return List.of(
        "delete from compliance_latest",
        "delete from compliance_job_latest",
        "delete from compliance_days",
        pairInsert("c.server_id is not null"),
        jobInsert("c.server_id is not null"),
        dayInsert("c.server_id is not null"));
  }

  private static String dayInsert(String where) {
    return "insert into compliance_days (scan_day, server_id, benchmark_key, profile_id, scan_id,"
        + " finished_at, verdict) select scan_day, server_id, benchmark_key, profile_id, scan_id,"
        + " finished_at, verdict from (select "
        + DAY
        + " scan_day, c.server_id, coalesce(c.benchmark_id, '') benchmark_key, c.profile_id,"
        + " c.scan_id, c.finished_at, "
        + VERDICT
        + " verdict, row_number() over (partition by "
        + DAY
        + ", c.server_id, coalesce(c.benchmark_id, ''), c.profile_id order by c.finished_at desc,"
        + " c.scan_id desc) rn from compliance_scans c where "
        + where
        + ") t where rn = 1";
  }

  private static String pairInsert(String where) {
    return "insert into compliance_latest ("
        + PAIR_COLUMNS
        + ") select "
        + PAIR_SELECT
        + " from (select c.*, row_number() over (partition by c.server_id,"
        + " coalesce(c.benchmark_id, ''), c.profile_id order by c.finished_at desc,"
        + " c.scan_id desc) rn from compliance_scans c where "
        + where
        + ") t where rn = 1";
  }

  private static String jobInsert(String where) {
    return "insert into compliance_job_latest ("
        + JOB_COLUMNS
        + ") select "
        + JOB_COLUMNS
        + " from (select c.*, row_number() over (partition by c.job_id, c.server_id"
        + " order by c.finished_at desc, c.scan_id desc) rn from compliance_scans c where "
        + where
        + " and c.job_id is not null) t where rn = 1";
  }

  /**
   * What the read model keys a recorded scan on, as its insert stored it.
   *
   * @param benchmarkKey the benchmark id, or "" for none
   * @param jobId the job the insert referenced (null outside a job, or when the job was deleted)
   * @param at the finish time at the database's precision
   */
  record Recorded(Long serverId, String benchmarkKey, String profileId, Long jobId, Instant at) {}

  /**
   * Makes the just recorded scan (its {@code compliance_scans} row written) the latest of its pair
   * and of its (job, server) unless a later scan is there already.
   */
  void recorded(long scanId, Recorded f) {
    if (f.serverId() == null) {
      return;
    }
    lockServers(List.of(f.serverId()));
    java.time.LocalDate day = java.time.LocalDate.ofInstant(f.at(), java.time.ZoneOffset.UTC);
    if (upsert) {
      jdbc.sql(
              "insert into compliance_latest ("
                  + PAIR_COLUMNS
                  + ") select "
                  + PAIR_SELECT
                  + " from compliance_scans c where c.scan_id = ?"
                  + replaceOlder("compliance_latest", PAIR_KEY, PAIR_COLUMNS))
          .param(scanId)
          .update();
      jdbc.sql(
              "insert into compliance_days ("
                  + DAY_COLUMNS
                  + ") select ?, c.server_id, coalesce(c.benchmark_id, ''), c.profile_id,"
                  + " c.scan_id, c.finished_at, "
                  + VERDICT
                  + " from compliance_scans c where c.scan_id = ?"
                  + replaceOlder("compliance_days", DAY_KEY, DAY_COLUMNS))
          .params(day, scanId)
          .update();
      if (f.jobId() != null) {
        jdbc.sql(
                "insert into compliance_job_latest ("
                    + JOB_COLUMNS
                    + ") select "
                    + JOB_COLUMNS
                    + " from compliance_scans c where c.scan_id = ?"
                    + replaceOlder("compliance_job_latest", JOB_KEY, JOB_COLUMNS))
            .param(scanId)
            .update();
      }
      return;
    }
    jdbc.sql(
            "delete from compliance_latest where server_id = ? and benchmark_key = ?"
                + " and profile_id = ? and (finished_at < ? or (finished_at = ? and scan_id < ?))")
        .params(f.serverId(), f.benchmarkKey(), f.profileId(), ts(f.at()), ts(f.at()), scanId)
        .update();
    jdbc.sql(
            "insert into compliance_latest ("
                + PAIR_COLUMNS
                + ") select "
                + PAIR_SELECT
                + " from compliance_scans c where c.scan_id = ? and not exists (select 1"
                + " from compliance_latest l where l.server_id = ? and l.benchmark_key = ?"
                + " and l.profile_id = ?)")
        .params(scanId, f.serverId(), f.benchmarkKey(), f.profileId())
        .update();
    jdbc.sql(
            "delete from compliance_days where scan_day = ? and server_id = ? and benchmark_key = ?"
                + " and profile_id = ? and (finished_at < ? or (finished_at = ? and scan_id < ?))")
        .params(day, f.serverId(), f.benchmarkKey(), f.profileId(), ts(f.at()), ts(f.at()), scanId)
        .update();
    jdbc.sql(
            "insert into compliance_days (scan_day, server_id, benchmark_key, profile_id, scan_id,"
                + " finished_at, verdict) select ?, c.server_id, coalesce(c.benchmark_id, ''),"
                + " c.profile_id, c.scan_id, c.finished_at, "
                + VERDICT
                + " from compliance_scans c where c.scan_id = ? and not exists (select 1"
                + " from compliance_days d where d.scan_day = ? and d.server_id = ?"
                + " and d.benchmark_key = ? and d.profile_id = ?)")
        .params(day, scanId, day, f.serverId(), f.benchmarkKey(), f.profileId())
        .update();
    if (f.jobId() == null) {
      return;
    }
    jdbc.sql(
            "delete from compliance_job_latest where job_id = ? and server_id = ?"
                + " and (finished_at < ? or (finished_at = ? and scan_id < ?))")
        .params(f.jobId(), f.serverId(), ts(f.at()), ts(f.at()), scanId)
        .update();
    jdbc.sql(
            "insert into compliance_job_latest ("
                + JOB_COLUMNS
                + ") select "
                + JOB_COLUMNS
                + " from compliance_scans c where c.scan_id = ? and not exists (select 1"
                + " from compliance_job_latest l where l.job_id = ? and l.server_id = ?)")
        .params(scanId, f.jobId(), f.serverId())
        .update();
  }

  /**
   * What a deletion of these scans touches, asked before they go: the servers one of them is the
   * latest of (a pair or a job's), and the (server, day) rows of the chart one of them holds.
   */
  public Affected affected(List<Long> scanIds) {
    Set<Long> latest = new LinkedHashSet<>();
    Set<Long> dayServers = new LinkedHashSet<>();
    java.time.LocalDate[] range = new java.time.LocalDate[2];
    if (scanIds.isEmpty()) {
      return new Affected(latest, dayServers, null, null);
    }
    Long[] ids = scanIds.toArray(Long[]::new);
    latest.addAll(
        jdbc.sql("select server_id from compliance_latest where scan_id = any(?)")
            .param(ids)
            .query(Long.class)
            .list());
    latest.addAll(
        jdbc.sql("select server_id from compliance_job_latest where scan_id = any(?)")
            .param(ids)
            .query(Long.class)
            .list());
    jdbc.sql("select server_id, scan_day from compliance_days where scan_id = any(?)")
        .param(ids)
        .query(
            rs -> {
              dayServers.add(rs.getLong(1));
              java.time.LocalDate d = rs.getObject(2, java.time.LocalDate.class);
              range[0] = range[0] == null || d.isBefore(range[0]) ? d : range[0];
              range[1] = range[1] == null || d.isAfter(range[1]) ? d : range[1];
            });
    Set<Long> touched = new LinkedHashSet<>(latest);
    touched.addAll(dayServers);
    // before the scans go: their deletion cascades to these rows, which a recording of the same
    // server would otherwise be replacing at the same time
    lockServers(touched);
    return new Affected(latest, dayServers, range[0], range[1]);
  }

  /**
   * What a deletion touches: servers whose latest rows to recompute, servers whose chart rows from
   * {@code firstDay} to {@code lastDay} (null when none) to recompute.
   */
  public record Affected(
      Set<Long> latestServers,
      Set<Long> dayServers,
      java.time.LocalDate firstDay,
      java.time.LocalDate lastDay) {}

  /**
   * After the scans are deleted: recomputes the rows {@link #affected} named from the scans left,
   * so a deleted latest scan makes the previous one of its pair (and job, and day) the latest.
   */
  public void recompute(Affected a) {
    if (!a.latestServers().isEmpty()) {
      Long[] ids = a.latestServers().toArray(Long[]::new);
      jdbc.sql("delete from compliance_latest where server_id = any(?)").param(ids).update();
      jdbc.sql("delete from compliance_job_latest where server_id = any(?)").param(ids).update();
      jdbc.sql(pairInsert("c.server_id = any(?)")).param(ids).update();
      jdbc.sql(jobInsert("c.server_id = any(?)")).param(ids).update();
    }
    if (!a.dayServers().isEmpty() && a.firstDay() != null) {
      Long[] ids = a.dayServers().toArray(Long[]::new);
      java.time.Instant from = a.firstDay().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      java.time.Instant to =
          a.lastDay().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      jdbc.sql(
              "delete from compliance_days where server_id = any(?) and scan_day >= ? and scan_day <= ?")
          .params(ids, a.firstDay(), a.lastDay())
          .update();
      jdbc.sql(dayInsert("c.server_id = any(?) and c.finished_at >= ? and c.finished_at < ?"))
          .params(ids, ts(from), ts(to))
          .update();
    }
  }
}
