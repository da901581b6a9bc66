package dev.vigil.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test setup for volume: copies of a real scan row, written straight into the table. */
final class ScanCopies {

  private ScanCopies() {}

  /**
   * Bulk test setup: {@code n} copies of a real scan row, one an hour before it, straight in the
   * table (recording a thousand real scans would take minutes); returns the newest finish time.
   */
  static Instant before(JdbcClient jdbc, long scanId, int n) {
    List<String> columns =
        jdbc.sql("select * from security_scans where id = ?")
            .param(scanId)
            .query(
                rs -> {
                  List<String> names = new java.util.ArrayList<>();
                  var meta = rs.getMetaData();
                  for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String c = meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                    if (!c.equals("id")) {
                      names.add(c);
                    }
                  }
                  return names;
                });
    String select =
        columns.stream()
            .map(c -> c.equals("finished_at") || c.equals("started_at") ? "?" : c)
            .collect(java.util.stream.Collectors.joining(", "));
    Instant finished =
        jdbc.sql("select finished_at from security_scans where id = ?")
            .param(scanId)
            .query(java.time.OffsetDateTime.class)
            .single()
            .toInstant();
    for (int i = 1; i <= n; i++) {
      Instant at = finished.minus(Duration.ofHours(i));
      List<Object> params = new java.util.ArrayList<>();
      for (String c : columns) {
        if (c.equals("finished_at")) {
          params.add(at.atOffset(ZoneOffset.UTC));
        } else if (c.equals("started_at")) {
          params.add(at.minusSeconds(5).atOffset(ZoneOffset.UTC));
        }
      }
      params.add(scanId);
      jdbc.sql(
              "insert into security_scans ("
                  + String.join(", ", columns)
                  + ") select "
                  + select
                  + " from security_scans where id = ?")
          .params(params)
          .update();
    }
    // the narrow copy compliance reads (V26), as recording writes it
    jdbc.sql(
            "insert into compliance_scans (scan_id, server_id, benchmark_id, profile_id,"
                + " finished_at, score, pass_count, fixed_count, fail_count, error_count,"
                + " unknown_count, notchecked_count, notapplicable_count, not_applicable, job_id,"
                + " job_name, benchmark_title, profile_title) select id, server_id, benchmark_id,"
                + " profile_id, finished_at, score, pass_count, fixed_count, fail_count,"
                + " error_count, unknown_count, notchecked_count, notapplicable_count,"
                + " not_applicable, job_id, job_name, benchmark_title, profile_title"
                + " from security_scans s where not exists"
                + " (select 1 from compliance_scans c where c.scan_id = s.id)")
        .update();
    // and the latest per pair and per (job, server) kept at record time (V32)
    dev.vigil.results.ComplianceReadModel.rebuildStatements()
        .forEach(sql -> jdbc.sql(sql).update());
    return finished;
  }
}
