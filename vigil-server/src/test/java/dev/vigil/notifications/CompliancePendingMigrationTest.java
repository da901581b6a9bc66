package dev.vigil.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Sql;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Upgrading to V36 turns the one-time {@code compliance-watch} tasks an earlier version left queued
 * into marks for the compliance check, one per server, and leaves every other task alone.
 */
class CompliancePendingMigrationTest {

  @Test
  void queuedComplianceWatchTasksBecomeOneMarkPerServer() {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:pending-migration-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "",
            true);
    try {
      flyway(ds, "35").migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      task(jdbc, "compliance-watch", "12:scan5");
      task(jdbc, "compliance-watch", "12:run7");
      task(jdbc, "compliance-watch", "130:scan9");
      task(jdbc, "target-run", "77");

      flyway(ds, "36").migrate();

      assertThat(
              jdbc.sql("select server_id from compliance_pending order by server_id")
                  .query(Long.class)
                  .list())
          .containsExactly(12L, 130L);
      assertThat(jdbc.sql("select task_name from scheduled_tasks").query(String.class).list())
          .containsExactly("target-run");
    } finally {
      ds.destroy();
    }
  }

  private static void task(JdbcClient jdbc, String name, String instance) {
    jdbc.sql(
            "insert into scheduled_tasks (task_name, task_instance, execution_time, picked,"
                + " version) values (?, ?, ?, false, 1)")
        .params(name, instance, Sql.ts(Instant.parse("2026-01-01T00:00:00Z")))
        .update();
  }

  private static Flyway flyway(SingleConnectionDataSource ds, String target) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .target(target)
        .load();
  }
}
