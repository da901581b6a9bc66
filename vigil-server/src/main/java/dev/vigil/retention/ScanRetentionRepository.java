package dev.vigil.retention;

import static dev.vigil.storage.Sql.marks;
import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.results.ComplianceReadModel;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of scan retention: which scans are past their window, deleting them (their target runs
 * lose the link), whether a blob or rule dictionary is still used, and the purge log. A blob is
 * used while a scan (ARF, report, datastream), a checked datastream copy or a package version names
 * it; the foreign keys to {@code blobs} refuse the rest.
 */
@Repository
public class ScanRetentionRepository {

  private static final String BLOB_USED =
      "select case when exists (select 1 from security_scans where arf_sha256 = ?)"
          + " or exists (select 1 from security_scans where report_sha256 = ?)"
          + " or exists (select 1 from security_scans where arf_datastream_sha256 = ?)"
          + " or exists (select 1 from scan_datastreams where datastream_sha256 = ?)"
          + " or exists (select 1 from security_package_versions where sha256 = ?)"
          + " then 1 else 0 end";

  /** A scan's age and the job it came from (null when none, or the job was deleted). */
  record ScanAge(long id, Instant finishedAt, @Nullable Long jobId, @Nullable String jobName) {}

  /** What deleted scans used: candidates to free once nothing else uses them. */
  record Released(int scans, Set<String> blobs, Set<Long> dictionaries) {}

  private final JdbcClient jdbc;
  private final ComplianceReadModel readModel;

  public ScanRetentionRepository(JdbcClient jdbc, ComplianceReadModel readModel) {
    this.jdbc = jdbc;
    this.readModel = readModel;
  }

  /** Up to {@code limit} scans of the job finished before {@code cutoff}, oldest first. */
  List<Long> expiredOfJob(long jobId, Instant cutoff, int limit) {
    return jdbc.sql(
            "select id from security_scans where job_id = ? and finished_at < ?"
                + " order by finished_at, id limit ?")
        .params(jobId, ts(cutoff), limit)
        .query(Long.class)
        .list();
  }

  /** Up to {@code limit} scans without a job finished before {@code cutoff}, oldest first. */
  List<Long> expiredWithoutJob(Instant cutoff, int limit) {
    return jdbc.sql(
            "select id from security_scans where job_id is null and finished_at < ?"
                + " order by finished_at, id limit ?")
        .params(ts(cutoff), limit)
        .query(Long.class)
        .list();
  }

  /** The scan, its row locked until the transaction ends. */
  Optional<ScanAge> findForUpdate(long id) {
    return jdbc.sql(
            "select id, finished_at, job_id, job_name from security_scans where id = ? for update")
        .param(id)
        .query(
            (rs, n) ->
                new ScanAge(
                    rs.getLong("id"),
                    requiredInstant(rs, "finished_at"),
                    rs.getObject("job_id", Long.class),
                    rs.getString("job_name")))
        .optional();
  }

  /** Deletes the scans (their rule rows cascade); their target runs keep no scan id. */
  public Released delete(List<Long> ids) {
    if (ids.isEmpty()) {
      return new Released(0, Set.of(), Set.of());
    }
    String in = " in (" + marks(ids.size()) + ")";
    Set<String> blobs = new LinkedHashSet<>();
    Set<Long> dictionaries = new LinkedHashSet<>();
    jdbc.sql(
            "select arf_sha256, report_sha256, arf_datastream_sha256, rule_dictionary_id"
                + " from security_scans where id"
                + in)
        .params(ids)
        .query(
            (RowCallbackHandler)
                rs -> {
                  addIfSet(blobs, rs.getString(1));
                  addIfSet(blobs, rs.getString(2));
                  addIfSet(blobs, rs.getString(3));
                  Long dictionary = rs.getObject(4, Long.class);
                  if (dictionary != null) {
                    dictionaries.add(dictionary);
                  }
                });
    jdbc.sql("update target_runs set scan_id = null where scan_id" + in).params(ids).update();
    ComplianceReadModel.Affected affected = readModel.affected(ids);
    int deleted = jdbc.sql("delete from security_scans where id" + in).params(ids).update();
    // a deleted latest scan makes the previous one of its pair (and job) the latest (V32)
    readModel.recompute(affected);
    return new Released(deleted, blobs, dictionaries);
  }

  private static void addIfSet(Set<String> set, String value) throws SQLException {
    if (value != null) {
      set.add(value.trim());
    }
  }

  /** True while a scan, a checked datastream copy or a package version names the blob. */
  boolean blobUsed(String sha256) {
    return jdbc.sql(BLOB_USED)
            .params(sha256, sha256, sha256, sha256, sha256)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Deletes the rule dictionary (its entries cascade) when no scan uses it; true if deleted. */
  boolean deleteDictionaryIfUnused(long id) {
    return jdbc.sql(
                "delete from scan_rule_dictionaries where id = ? and not exists"
                    + " (select 1 from security_scans where rule_dictionary_id = ?)")
            .params(id, id)
            .update()
        > 0;
  }

  long insertPurge(ScanPurge p) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into scan_purges (purged_at, node, trigger_type, scans_deleted, blobs_freed,"
                + " bytes_freed, dictionaries_freed, scan_id, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Sql.values(
                ts(p.purgedAt()),
                p.node(),
                p.trigger(),
                p.scansDeleted(),
                p.blobsFreed(),
                p.bytesFreed(),
                p.dictionariesFreed(),
                p.scanId(),
                p.createdBy()))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
  }

  /** Keeps the latest {@code kept} records of the recurring purge; manual deletes all stay. */
  void trimPurges(int kept) {
    jdbc.sql(
            "delete from scan_purges where trigger_type = 'purge' and id <= (select id from"
                + " scan_purges where trigger_type = 'purge' order by id desc limit 1 offset ?)")
        .param(kept)
        .update();
  }

  /** Purge records, newest first. */
  List<ScanPurge> purges(int max, int offset) {
    return jdbc.sql(
            "select id, purged_at, node, trigger_type, scans_deleted, blobs_freed, bytes_freed,"
                + " dictionaries_freed, scan_id, created_by from scan_purges"
                + " order by id desc limit ? offset ?")
        .params(max, offset)
        .query(ScanRetentionRepository::purge)
        .list();
  }

  long countPurges() {
    return jdbc.sql("select count(*) from scan_purges").query(Long.class).single();
  }

  private static ScanPurge purge(ResultSet rs, int n) throws SQLException {
    return new ScanPurge(
        rs.getLong("id"),
        requiredInstant(rs, "purged_at"),
        rs.getString("node"),
        rs.getString("trigger_type"),
        rs.getInt("scans_deleted"),
        rs.getInt("blobs_freed"),
        rs.getLong("bytes_freed"),
        rs.getInt("dictionaries_freed"),
        rs.getObject("scan_id", Long.class),
        rs.getString("created_by"));
  }
}
