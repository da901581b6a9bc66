package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job repository contract on H2 in PostgreSQL mode (the default database). */
class H2JobRepositoryIntegrationTest extends JobRepositoryContract {

  private DataSource ds;

  @BeforeEach
  void database() {
    ds = TestDatabases.h2();
    setUp();
  }

  @Override
  DataSource dataSource() {
    return ds;
  }

  /**
   * H2 indexes the foreign key job_targets.job_id itself: V35 drops the second, identical index V7
   * made, which every stored target was also written to. One index on job_id remains (the targets
   * of a job are still found and deleted by it).
   */
  @Test
  void jobTargetsCarryOneIndexOnJobId() {
    assertThat(
            jdbc.sql(
                    "select count(distinct index_name) from information_schema.index_columns"
                        + " where lower(table_name) = 'job_targets' and lower(column_name) = 'job_id'")
                .query(Long.class)
                .single())
        .isEqualTo(1L);
  }
}
