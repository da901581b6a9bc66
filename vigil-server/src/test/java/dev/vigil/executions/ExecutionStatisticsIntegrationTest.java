package dev.vigil.executions;

import static dev.vigil.storage.Sql.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The jobs list's seven-day execution counts from the one grouped query, on H2 and on PostgreSQL:
 * UTC day boundaries to the millisecond, the eighth day back left out, complete and failed counted
 * apart from running ones.
 */
class ExecutionStatisticsIntegrationTest {

  private static final Clock NOON =
      Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void countsTheLastSevenUtcDaysOnH2() {
    check(TestDatabases.h2());
  }

  @Test
  void countsTheLastSevenUtcDaysOnPostgres() {
    PostgresDatabase db = TestDatabases.postgres();
    try {
      check(db.dataSource());
    } finally {
      TestDatabases.drop(db);
    }
  }

  private static void check(DataSource ds) {
    JdbcClient jdbc = JdbcClient.create(ds);
    ExecutionStatistics statistics = new ExecutionStatistics(jdbc, NOON);
    assertThat(statistics.lastSevenDays().executionsPerDay())
        .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(statistics.lastSevenDays().execSuccessRate()).isZero();

    insert(jdbc, "2026-03-03T23:59:59.999Z", "complete"); // eight days back: left out
    insert(jdbc, "2026-03-04T00:00:00Z", "complete"); // first of the seven days
    insert(jdbc, "2026-03-09T23:59:59.999Z", "failed"); // yesterday
    insert(jdbc, "2026-03-10T00:00:00Z", "complete"); // today
    insert(jdbc, "2026-03-10T11:59:00Z", "running"); // today

    ExecutionStats s = statistics.lastSevenDays();
    assertThat(s.executionsPerDay()).containsExactly(1L, 0L, 0L, 0L, 0L, 1L, 2L);
    assertThat(s.todayCount()).isEqualTo(2);
    assertThat(s.execCount()).isEqualTo(4);
    assertThat(s.execSuccess()).isEqualTo(2);
    assertThat(s.execFailed()).isEqualTo(1);
    assertThat(s.execSuccessRate()).isEqualTo(50.0);
    assertThat(s.execFailedRate()).isEqualTo(25.0);
  }

  private static void insert(JdbcClient jdbc, String createdAt, String status) {
    jdbc.sql(
            "insert into job_executions (job_name, status, trigger_type, created_at, total_count,"
                + " done_count, failed_count) values ('stats', ?, 'api', ?, 1, 0, 0)")
        .params(status, ts(Instant.parse(createdAt)))
        .update();
  }
}
