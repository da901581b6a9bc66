package dev.vigil.executions;

import dev.vigil.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The execution date filter contract on H2 in PostgreSQL mode (the default database). */
class AcceptDateFilterH2IntegrationTest extends AcceptDateFilterContract {

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
}
