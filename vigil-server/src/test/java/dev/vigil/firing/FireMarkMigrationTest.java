package dev.vigil.firing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.ScheduleMode;
import dev.vigil.storage.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Upgrading to V9 gives every job that already had a date-time or an execute schedule a mark at the
 * moment of the upgrade, so the first tick does not fire a backlog of all its past fires.
 */
class FireMarkMigrationTest {

  private static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void existingTimedJobsStartFromTheUpgrade() {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:fire-migration-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "",
            true);
    try {
      flyway(ds, "8").migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      jdbc.sql(
              "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                  + " updated_at) values ('u', 'ssg', 'https://e.invalid/x', true, 'READY', ?, ?)")
          .params(Sql.ts(LONG_AGO), Sql.ts(LONG_AGO))
          .update();
      jdbc.sql(
              "insert into execute_schedules (name, cron, schedule_timezone, enabled, created_at,"
                  + " updated_at) values ('Often', '*/5 * * * *', 'Europe/Paris', true, ?, ?)")
          .params(Sql.ts(LONG_AGO), Sql.ts(LONG_AGO))
          .update();
      long schedule = jdbc.sql("select id from execute_schedules").query(Long.class).single();
      long timed = job(jdbc, "timed", "SCHEDULE", schedule);
      long manual = job(jdbc, "manual", "MANUAL", null);
      Instant before = Instant.now().minus(Duration.ofMinutes(1));

      flyway(ds, "9").migrate();

      Map<Long, FireMark> marks = new FireRepository(jdbc).marks();
      assertThat(marks).containsOnlyKeys(timed).doesNotContainKey(manual);
      FireMark mark = marks.get(timed);
      assertThat(mark.key())
          .isEqualTo(
              new FireKey(ScheduleMode.SCHEDULE, schedule, null, "*/5 * * * *", "Europe/Paris"));
      assertThat(mark.handledThrough()).isAfter(before);
    } finally {
      ds.destroy();
    }
  }

  private static Flyway flyway(SingleConnectionDataSource ds, String target) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .target(target)
        .load();
  }

  private static long job(JdbcClient jdbc, String name, String mode, Long schedule) {
    jdbc.sql(
            "insert into jobs (name, enabled, security_package_id, scan_path, security_profile,"
                + " schedule_mode, schedule_id, target_type, timeout_minutes, max_parallel,"
                + " retries_on_timeout, created_at, updated_at) values (?, true,"
                + " (select id from security_packages), 'ds.xml', 'p', ?, ?, 'SERVER', 30, 10, 0,"
                + " ?, ?)")
        .params(name, mode, schedule, Sql.ts(LONG_AGO), Sql.ts(LONG_AGO))
        .update();
    return jdbc.sql("select id from jobs where name = ?").param(name).query(Long.class).single();
  }
}
