package dev.vigil.compliance;

import static dev.vigil.storage.Sql.ts;

import dev.vigil.results.SecurityScan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The look-ups comparisons need: a scan's predecessor, its comparable scans, an execution's. */
@Repository
class ScanComparisonRepository {

  private final JdbcClient jdbc;

  ScanComparisonRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The scan of the same server (deleted or not), profile and benchmark finished just before {@code
   * s}.
   */
  Optional<Long> previous(SecurityScan s) {
    return jdbc.sql(
            "select id from security_scans where recorded_server_id = ?"
                + " and profile_id is not distinct from ?"
                + " and benchmark_id is not distinct from ?"
                + " and (finished_at < ? or (finished_at = ? and id < ?))"
                + " order by finished_at desc, id desc limit 1")
        .params(
            s.recordedServerId(),
            s.profileId(),
            s.benchmarkId(),
            ts(s.finishedAt()),
            ts(s.finishedAt()),
            s.id())
        .query(Long.class)
        .optional();
  }

  /** Other scans of the scan's server and benchmark, newest first, at most {@code max}. */
  List<Long> comparable(SecurityScan s, int max) {
    return jdbc.sql(
            "select id from security_scans where recorded_server_id = ?"
                + " and benchmark_id is not distinct from ? and id <> ?"
                + " order by finished_at desc, id desc limit ?")
        .params(s.recordedServerId(), s.benchmarkId(), s.id(), max)
        .query(Long.class)
        .list();
  }

  /** The latest scan of each server in an execution: server id → scan id. */
  Map<Long, Long> latestPerServer(long executionId) {
    Map<Long, Long> out = new LinkedHashMap<>();
    jdbc.sql(
            "select server_id, id from security_scans where execution_id = ?"
                + " and server_id is not null order by finished_at, id")
        .param(executionId)
        .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
        .list()
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
