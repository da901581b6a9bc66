package dev.vigil.compliance;

import dev.vigil.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The comparison look-ups on H2 in PostgreSQL mode (the default database). */
class H2ScanComparisonRepositoryIntegrationTest extends ScanComparisonRepositoryContract {

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
