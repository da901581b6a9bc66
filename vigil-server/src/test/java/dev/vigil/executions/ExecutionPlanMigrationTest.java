package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Sql;
import dev.vigil.testsupport.TestDatabases;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Upgrading to V18 gives every execution queued or running at that moment the plan its job and its
 * package's current version give, on H2 and on PostgreSQL; ended executions keep no plan.
 */
class ExecutionPlanMigrationTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SHA = "a".repeat(64);

  @Test
  void backfillsThePlanOfActiveExecutionsOnH2() {
    DataSource ds = TestDatabases.h2At("17");
    try {
      backfillsThePlanOfActiveExecutions(ds, "h2");
    } finally {
      ((SingleConnectionDataSource) ds).destroy();
    }
  }

  @Test
  void backfillsThePlanOfActiveExecutionsOnPostgres() {
    TestDatabases.PostgresDatabase db = TestDatabases.postgresAt("17");
    try {
      backfillsThePlanOfActiveExecutions(db.dataSource(), "postgresql");
    } finally {
      TestDatabases.drop(db);
    }
  }

  private static void backfillsThePlanOfActiveExecutions(DataSource ds, String vendor) {
    JdbcClient jdbc = JdbcClient.create(ds);
    jdbc.sql(
            "insert into blobs (sha256, size_bytes, stored_bytes, encoding, created_at)"
                + " values (?, 1, 1, 'identity', ?)")
        .params(SHA, Sql.ts(T))
        .update();
    jdbc.sql(
            "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                + " updated_at) values ('u', 'ssg', 'https://e.invalid/x', true, 'READY', ?, ?)")
        .params(Sql.ts(T), Sql.ts(T))
        .update();
    long pkg = jdbc.sql("select id from security_packages").query(Long.class).single();
    for (int no = 1; no <= 2; no++) {
      jdbc.sql(
              "insert into security_package_versions (package_id, version_no, sha256, file_name,"
                  + " size_bytes, source_url, fetched_at) values (?, ?, ?, 'ssg.zip', 1,"
                  + " 'https://e.invalid/x', ?)")
          .params(pkg, no, SHA, Sql.ts(T))
          .update();
    }
    long current =
        jdbc.sql("select id from security_package_versions where version_no = 2")
            .query(Long.class)
            .single();
    jdbc.sql("update security_packages set current_version_id = ?").param(current).update();
    jdbc.sql(
            "insert into jobs (name, enabled, security_package_id, scan_path, security_profile,"
                + " schedule_mode, target_type, timeout_minutes, max_parallel,"
                + " retries_on_timeout, created_at, updated_at) values ('nightly', true, ?,"
                + " 'ssg-ds.xml', 'standard', 'manual', 'server', 45, 3, 2, ?, ?)")
        .params(pkg, Sql.ts(T), Sql.ts(T))
        .update();
    long job = jdbc.sql("select id from jobs").query(Long.class).single();
    long running = execution(jdbc, job, "running");
    long queued = execution(jdbc, job, "queued");
    long ended = execution(jdbc, job, "complete");

    TestDatabases.migrateTo(ds, vendor, "18");
    // the repository reads today's columns: the later migrations leave the backfilled plan alone
    TestDatabases.migrateTo(ds, vendor, null);

    ExecutionRepository repo = new ExecutionRepository(jdbc, ds);
    ExecutionPlan expected =
        new ExecutionPlan(pkg, "ssg", current, 2, "ssg-ds.xml", "standard", 45, 3, 2);
    assertThat(repo.find(running).orElseThrow().plan()).isEqualTo(expected);
    assertThat(repo.find(queued).orElseThrow().plan()).isEqualTo(expected);
    assertThat(repo.find(ended).orElseThrow().plan()).isNull();
    Map<String, Object> endedRow =
        jdbc.sql("select plan_package_id, plan_profile from job_executions where id = ?")
            .param(ended)
            .query()
            .singleRow();
    assertThat(endedRow.values()).containsOnlyNulls();
  }

  private static long execution(JdbcClient jdbc, long job, String status) {
    jdbc.sql(
            "insert into job_executions (job_id, job_name, status, trigger_type, created_at,"
                + " total_count, done_count, failed_count) values (?, 'nightly', ?, 'api', ?, 1,"
                + " 0, 0)")
        .params(job, status, Sql.ts(T))
        .update();
    return jdbc.sql("select max(id) from job_executions").query(Long.class).single();
  }
}
