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
 * Upgrading to V12 gives every scan made by a target run the job, execution and run it came from,
 * read from the run that links to it; a scan no run links to keeps no origin.
 */
class ScanOriginMigrationTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void existingScansLearnTheirJobAndExecutionFromTheirTargetRun() {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:origin-migration-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "",
            true);
    try {
      flyway(ds, "11").migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      jdbc.sql(
              "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                  + " updated_at) values ('u', 'ssg', 'https://e.invalid/x', true, 'READY', ?, ?)")
          .params(Sql.ts(T), Sql.ts(T))
          .update();
      jdbc.sql(
              "insert into jobs (name, enabled, security_package_id, scan_path, security_profile,"
                  + " schedule_mode, target_type, timeout_minutes, max_parallel,"
                  + " retries_on_timeout, created_at, updated_at) values ('nightly', true,"
                  + " (select id from security_packages), 'ds.xml', 'p', 'MANUAL', 'SERVER', 30,"
                  + " 10, 0, ?, ?)")
          .params(Sql.ts(T), Sql.ts(T))
          .update();
      long job = jdbc.sql("select id from jobs").query(Long.class).single();
      jdbc.sql(
              "insert into job_executions (job_id, job_name, status, trigger_type, created_at,"
                  + " total_count, done_count, failed_count) values (?, 'nightly', 'complete',"
                  + " 'user', ?, 1, 1, 0)")
          .params(job, Sql.ts(T))
          .update();
      long execution = jdbc.sql("select id from job_executions").query(Long.class).single();
      long byJob = scan(jdbc, "from-job");
      long alone = scan(jdbc, "alone");
      jdbc.sql(
              "insert into target_runs (execution_id, server_name, position, status, scan_id)"
                  + " values (?, 'web01', 0, 'done', ?)")
          .params(execution, byJob)
          .update();
      long run = jdbc.sql("select id from target_runs").query(Long.class).single();

      flyway(ds, "12").migrate();

      Map<String, Object> made =
          jdbc.sql(
                  "select job_id, job_name, execution_id, target_run_id from security_scans"
                      + " where id = ?")
              .param(byJob)
              .query()
              .singleRow();
      assertThat(((Number) made.get("job_id")).longValue()).isEqualTo(job);
      assertThat(made.get("job_name")).isEqualTo("nightly");
      assertThat(((Number) made.get("execution_id")).longValue()).isEqualTo(execution);
      assertThat(((Number) made.get("target_run_id")).longValue()).isEqualTo(run);
      Map<String, Object> none =
          jdbc.sql(
                  "select job_id, job_name, execution_id, target_run_id from security_scans"
                      + " where id = ?")
              .param(alone)
              .query()
              .singleRow();
      assertThat(none.values()).containsOnlyNulls();
    } finally {
      ds.destroy();
    }
  }

  private static long scan(JdbcClient jdbc, String server) {
    jdbc.sql(
            "insert into security_scans (server_name, package_name, checklist_path, profile_id,"
                + " status, not_applicable, started_at, finished_at, pass_count, fail_count,"
                + " error_count, unknown_count, notapplicable_count, notchecked_count,"
                + " notselected_count, informational_count, fixed_count, created_at) values"
                + " (?, 'ssg', 'ds.xml', 'p', 'complete', false, ?, ?, 1, 0, 0, 0, 0, 0, 0, 0, 0,"
                + " ?)")
        .params(server, Sql.ts(T), Sql.ts(T), Sql.ts(T))
        .update();
    return jdbc.sql("select id from security_scans where server_name = ?")
        .param(server)
        .query(Long.class)
        .single();
  }

  private static Flyway flyway(SingleConnectionDataSource ds, String target) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .target(target)
        .load();
  }
}
