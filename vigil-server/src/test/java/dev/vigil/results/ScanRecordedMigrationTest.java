package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Sql;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Upgrading to V20 gives every scan the ids of its server, package and job as recorded, the id of a
 * server deleted before the upgrade taken from the scan's target run, and the benchmark and profile
 * titles of the package version's index where the scan's version is still there.
 */
class ScanRecordedMigrationTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SHA = "a".repeat(64);

  @Test
  void existingScansKeepTheirServerIdAndLearnTheirTitles() {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:recorded-migration-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "",
            true);
    try {
      flyway(ds, "17").migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      long version = packageVersionWithIndex(jdbc);
      jdbc.sql(
              "insert into job_executions (job_name, status, trigger_type, created_at,"
                  + " total_count, done_count, failed_count) values ('gone', 'complete',"
                  + " 'user', ?, 1, 1, 0)")
          .params(Sql.ts(T))
          .update();
      long execution = jdbc.sql("select id from job_executions").query(Long.class).single();
      long deleted = scan(jdbc, "web01", version);
      jdbc.sql(
              "insert into target_runs (execution_id, server_id, server_name, position, status,"
                  + " scan_id) values (?, 7, 'web01', 0, 'done', ?)")
          .params(execution, deleted)
          .update();
      long run = jdbc.sql("select id from target_runs").query(Long.class).single();
      jdbc.sql("update security_scans set target_run_id = ? where id = ?")
          .params(run, deleted)
          .update();
      long unknown = scan(jdbc, "web02", null);

      flyway(ds, "20").migrate();

      Map<String, Object> kept = row(jdbc, deleted);
      assertThat(kept.get("server_id")).isNull();
      assertThat(((Number) kept.get("recorded_server_id")).longValue()).isEqualTo(7);
      assertThat(((Number) kept.get("recorded_package_id")).longValue())
          .isEqualTo(jdbc.sql("select id from security_packages").query(Long.class).single());
      assertThat(kept.get("benchmark_title")).isEqualTo("Guide to Debian 11");
      assertThat(kept.get("profile_title")).isEqualTo("Standard System Security Profile");
      Map<String, Object> none = row(jdbc, unknown);
      assertThat(none.get("recorded_server_id")).isNull();
      assertThat(none.get("benchmark_title")).isNull();
      assertThat(none.get("profile_title")).isNull();
    } finally {
      ds.destroy();
    }
  }

  private static long packageVersionWithIndex(JdbcClient jdbc) {
    jdbc.sql(
            "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                + " updated_at) values ('u', 'ssg', 'https://e.invalid/x', true, 'READY', ?, ?)")
        .params(Sql.ts(T), Sql.ts(T))
        .update();
    jdbc.sql(
            "insert into blobs (sha256, size_bytes, stored_bytes, encoding, created_at)"
                + " values (?, 1, 1, 'raw', ?)")
        .params(SHA, Sql.ts(T))
        .update();
    jdbc.sql(
            "insert into security_package_versions (package_id, version_no, sha256, file_name,"
                + " size_bytes, source_url, fetched_at) values ((select id from"
                + " security_packages), 1, ?, 'ds.xml', 1, 'https://e.invalid/x', ?)")
        .params(SHA, Sql.ts(T))
        .update();
    long version = jdbc.sql("select id from security_package_versions").query(Long.class).single();
    for (String benchmark : new String[] {"xccdf_other", "xccdf_b"}) {
      jdbc.sql(
              "insert into security_package_checklists (version_id, position, path, kind,"
                  + " benchmark_id, title, rule_count, default_rule_count) values (?, 0, 'ds.xml',"
                  + " 'SOURCE_DATASTREAM', ?, ?, 1, 1)")
          .params(
              version,
              benchmark,
              benchmark.equals("xccdf_b") ? "Guide to Debian 11" : "Another benchmark")
          .update();
    }
    jdbc.sql(
            "insert into security_package_profiles (checklist_id, position, profile_id, title,"
                + " rule_count) select id, 0, 'p', 'Standard System Security Profile', 1"
                + " from security_package_checklists where benchmark_id = 'xccdf_b'")
        .update();
    return version;
  }

  private static long scan(JdbcClient jdbc, String server, Long versionId) {
    jdbc.sql(
            "insert into security_scans (server_name, package_id, package_name,"
                + " package_version_id, checklist_path, benchmark_id, profile_id, status,"
                + " not_applicable, started_at, finished_at, pass_count, fail_count, error_count,"
                + " unknown_count, notapplicable_count, notchecked_count, notselected_count,"
                + " informational_count, fixed_count, created_at) values (?, (select id from"
                + " security_packages), 'ssg', ?, 'ds.xml', 'xccdf_b', 'p', 'complete', false, ?,"
                + " ?, 1, 0, 0, 0, 0, 0, 0, 0, 0, ?)")
        .params(server, versionId, Sql.ts(T), Sql.ts(T), Sql.ts(T))
        .update();
    return jdbc.sql("select id from security_scans where server_name = ?")
        .param(server)
        .query(Long.class)
        .single();
  }

  private static Map<String, Object> row(JdbcClient jdbc, long id) {
    return jdbc.sql(
            "select server_id, recorded_server_id, recorded_package_id, benchmark_title,"
                + " profile_title from security_scans where id = ?")
        .param(id)
        .query()
        .singleRow();
  }

  private static Flyway flyway(SingleConnectionDataSource ds, String target) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .target(target)
        .load();
  }
}
