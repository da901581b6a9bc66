package dev.vigil.results;

import static dev.vigil.storage.Sql.instant;
import static dev.vigil.storage.Sql.marks;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.scap.arf.ResultType;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Security scans and their rule results in the database. */
@Repository
public class ScanRepository {

  private static final Map<String, String> SORTS =
      Map.of(
          "id", "s.id",
          "scanDate", "s.finished_at",
          "dateCreated", "s.created_at",
          "scanScore", "s.score",
          "name", "lower(s.server_name)");

  private final JdbcClient jdbc;
  private final ComplianceReadModel readModel;

  public ScanRepository(JdbcClient jdbc, ComplianceReadModel readModel) {
    this.jdbc = jdbc;
    this.readModel = readModel;
  }

  public long insert(SecurityScan s, ScanStorage st) {
    KeyHolder keys = new GeneratedKeyHolder();
    List<Object> values =
        new ArrayList<>(
            Arrays.asList(
                s.serverId(),
                s.serverName(),
                s.packageId(),
                s.packageName(),
                s.packageVersionId(),
                s.checklistPath(),
                s.benchmarkId(),
                s.benchmarkVersion(),
                s.profileId(),
                s.testResultId(),
                s.status(),
                s.notApplicable(),
                s.summary(),
                ts(s.startedAt()),
                ts(s.finishedAt()),
                s.score(),
                s.scoreMax(),
                s.scoreSystem()));
    for (ResultType t : ResultType.values()) {
      values.add(s.count(t));
    }
    values.addAll(
        Arrays.asList(
            s.arfSha256(),
            s.reportSha256(),
            s.oscapVersion(),
            s.createdBy(),
            ts(s.createdAt()),
            st.ruleDictionaryId(),
            st.ruleResults(),
            st.datastreamSha256(),
            st.datastreamOffset(),
            st.markerLength(),
            st.arfSizeBytes(),
            s.origin().jobId(),
            s.origin().jobName(),
            s.origin().executionId(),
            s.origin().targetRunId(),
            s.recordedServerId(),
            s.recordedPackageId(),
            s.recordedJobId(),
            s.recorded().benchmarkTitle(),
            s.recorded().profileTitle()));
    // the scan of an execution references the job its execution has now, read by the insert
    // itself: a job deleted while its execution ran is no longer referenced (no foreign key to a
    // deleted row), only named and recorded (recorded_job_id)
    List<String> slots = new ArrayList<>(Collections.nCopies(values.size(), "?"));
    int jobSlot = values.size() - 9;
    if (s.origin().executionId() != null && s.origin().jobId() != null) {
      slots.set(jobSlot, "(select job_id from job_executions where id = ?)");
      values.set(jobSlot, s.origin().executionId());
    }
    jdbc.sql(
            "insert into security_scans (server_id, server_name, package_id, package_name,"
                + " package_version_id, checklist_path, benchmark_id, benchmark_version, profile_id,"
                + " test_result_id, status, not_applicable, summary, started_at, finished_at, score,"
                + " score_max, score_system, "
                + countColumns()
                + ", arf_sha256, report_sha256,"
                + " oscap_version, created_by, created_at, rule_dictionary_id, rule_results,"
                + " arf_datastream_sha256, arf_datastream_offset, arf_marker_length,"
                + " arf_size_bytes, job_id, job_name, execution_id, target_run_id,"
                + " recorded_server_id, recorded_package_id, recorded_job_id, benchmark_title,"
                + " profile_title) values ("
                + String.join(", ", slots)
                + ")")
        .params(values)
        .update(keys, "id", "job_id", "finished_at");
    // what the read model keys on, as stored (the job as the insert resolved it, the finish time
    // at the database's precision), returned by the insert instead of read back
    Map<String, Object> inserted = keys.getKeys();
    long id = ((Number) inserted.get("id")).longValue();
    Object jobId = inserted.get("job_id");
    // the narrow copy compliance reads (V26), in the same transaction; deleted with the scan
    jdbc.sql(
            "insert into compliance_scans (scan_id, server_id, benchmark_id, profile_id,"
                + " finished_at, score, score_max, pass_count, fixed_count, fail_count,"
                + " error_count, unknown_count, notchecked_count, notapplicable_count,"
                + " not_applicable, job_id, job_name, benchmark_title, profile_title) select id,"
                + " server_id, benchmark_id, profile_id, finished_at, score, score_max, pass_count, fixed_count, fail_count,"
                + " error_count, unknown_count, notchecked_count, notapplicable_count,"
                + " not_applicable, job_id, job_name, benchmark_title, profile_title"
                + " from security_scans where id = ?")
        .param(id)
        .update();
    // the latest per pair and per (job, server) (V32), in the same transaction
    readModel.recorded(
        id,
        new ComplianceReadModel.Recorded(
            s.serverId(),
            s.benchmarkId() == null ? "" : s.benchmarkId(),
            s.profileId(),
            jobId == null ? null : ((Number) jobId).longValue(),
            storedInstant(inserted.get("finished_at"))));
    return id;
  }

  /**
   * A timestamp a driver returned as a generated key: PostgreSQL's Timestamp, H2's OffsetDateTime.
   */
  private static Instant storedInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime t) {
      return t.toInstant();
    }
    if (value instanceof Instant t) {
      return t;
    }
    throw new IllegalStateException(
        "finished_at returned as " + value.getClass().getName() + ", not a timestamp");
  }

  public Optional<SecurityScan> find(long id) {
    return jdbc.sql("select * from security_scans s where s.id = ?")
        .param(id)
        .query(this::row)
        .optional();
  }

  List<SecurityScan> list(ScanQuery q) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    String order = SORTS.get(q.list().sortOr(SORTS.keySet(), "scanDate"));
    boolean desc = q.list().sort() == null || q.list().descending();
    params.add(q.list().max());
    params.add(q.list().offset());
    return jdbc.sql(
            "select * from security_scans s"
                + where
                + " order by "
                + order
                + (desc ? " desc" : " asc")
                + ", s.id desc limit ? offset ?")
        .params(params)
        .query(this::row)
        .list();
  }

  long count(ScanQuery q) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("select count(*) from security_scans s" + where(q, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  /** How the scan's rules and ARF are stored. */
  Optional<ScanStorage> storage(long scanId) {
    return jdbc.sql(
            "select rule_dictionary_id, rule_results, arf_datastream_sha256,"
                + " arf_datastream_offset, arf_marker_length, arf_size_bytes"
                + " from security_scans where id = ?")
        .param(scanId)
        .query(
            (rs, n) ->
                new ScanStorage(
                    rs.getObject(1, Long.class),
                    rs.getBytes(2),
                    rs.getString(3),
                    rs.getObject(4, Long.class),
                    rs.getObject(5, Integer.class),
                    rs.getObject(6, Long.class)))
        .optional();
  }

  /** Rule results of a scan recorded before compact storage, one row per rule. */
  List<StoredRuleResult> legacyRules(long scanId) {
    return jdbc.sql(
            "select rule_id, result, severity, title, idents from security_scan_rules"
                + " where scan_id = ? order by position")
        .param(scanId)
        .query(
            (rs, n) ->
                new StoredRuleResult(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    RuleEntry.identsOf(rs.getString(5))))
        .list();
  }

  private static String where(ScanQuery q, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (!q.serverIds().isEmpty()) {
      clauses.add("s.recorded_server_id in (" + marks(q.serverIds().size()) + ")");
      params.addAll(q.serverIds());
    }
    if (!q.packageIds().isEmpty()) {
      clauses.add("s.recorded_package_id in (" + marks(q.packageIds().size()) + ")");
      params.addAll(q.packageIds());
    }
    if (q.list().name() != null) {
      // a scan has no name of its own: the exact name is its server's, as the CLI looks servers up
      clauses.add("s.server_name = ?");
      params.add(q.list().name());
    }
    if (q.list().phrase() != null) {
      clauses.add(
          "(lower(s.server_name) like ? or lower(s.package_name) like ?"
              + " or lower(s.profile_id) like ?)");
      String like = Sql.contains(q.list().phrase());
      params.addAll(List.of(like, like, like));
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private SecurityScan row(ResultSet rs, int n) throws SQLException {
    Map<ResultType, Integer> counts = new EnumMap<>(ResultType.class);
    for (ResultType t : ResultType.values()) {
      counts.put(t, rs.getInt(countColumn(t)));
    }
    return new SecurityScan(
        rs.getLong("id"),
        rs.getObject("server_id", Long.class),
        rs.getString("server_name"),
        rs.getObject("package_id", Long.class),
        rs.getString("package_name"),
        rs.getObject("package_version_id", Long.class),
        rs.getString("checklist_path"),
        rs.getString("benchmark_id"),
        rs.getString("benchmark_version"),
        rs.getString("profile_id"),
        rs.getString("test_result_id"),
        rs.getString("status"),
        rs.getBoolean("not_applicable"),
        rs.getString("summary"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getObject("score", Double.class),
        rs.getObject("score_max", Double.class),
        rs.getString("score_system"),
        counts,
        rs.getString("arf_sha256"),
        rs.getString("report_sha256"),
        rs.getString("oscap_version"),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        new ScanOrigin(
            rs.getObject("job_id", Long.class),
            rs.getString("job_name"),
            rs.getObject("execution_id", Long.class),
            rs.getObject("target_run_id", Long.class)),
        new AsRecorded(
            rs.getObject("recorded_server_id", Long.class),
            rs.getObject("recorded_package_id", Long.class),
            rs.getObject("recorded_job_id", Long.class),
            rs.getString("benchmark_title"),
            rs.getString("profile_title")));
  }

  /** The benchmark's and the profile's titles in a package version's index, each null if absent. */
  record Titles(String benchmark, String profile) {}

  void recordTailoring(long scanId, ScanTailoring t) {
    jdbc.sql(
            "update security_scans set tailoring_id = ?, tailoring_version = ?, tailoring_name = ?"
                + " where id = ?")
        .params(t.id(), t.version(), t.name(), scanId)
        .update();
  }

  Optional<ScanTailoring> tailoring(long scanId) {
    return jdbc.sql(
            "select tailoring_id, tailoring_version, tailoring_name, profile_title from"
                + " security_scans where id = ? and tailoring_id is not null")
        .param(scanId)
        .query(
            (rs, n) ->
                new ScanTailoring(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  /** The titles the package version's index gives the scan's benchmark and profile. */
  Titles titles(Long versionId, String checklistPath, String benchmarkId, String profileId) {
    if (versionId == null) {
      return new Titles(null, null);
    }
    return jdbc.sql(
            "select max(c.title), max(p.title) from security_package_checklists c"
                + " left join security_package_profiles p on p.checklist_id = c.id"
                + " and p.profile_id = ?"
                + " where c.version_id = ? and c.path = ? and c.benchmark_id = ?")
        .params(profileId, versionId, checklistPath, benchmarkId)
        .query((rs, n) -> new Titles(rs.getString(1), rs.getString(2)))
        .single();
  }

  private static String countColumns() {
    return String.join(
        ", ", Arrays.stream(ResultType.values()).map(ScanRepository::countColumn).toList());
  }

  private static String countColumn(ResultType t) {
    return t.xccdf() + "_count";
  }
}
