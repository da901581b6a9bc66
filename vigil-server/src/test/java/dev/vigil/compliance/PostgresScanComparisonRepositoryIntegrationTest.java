package dev.vigil.compliance;

import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The comparison look-ups on PostgreSQL (skipped with a message when none is reachable). */
class PostgresScanComparisonRepositoryIntegrationTest extends ScanComparisonRepositoryContract {

  private PostgresDatabase db;

  @BeforeEach
  void database() {
    db = TestDatabases.postgres();
    setUp();
  }

  @AfterEach
  void dropDatabase() {
    TestDatabases.drop(db);
  }

  @Override
  DataSource dataSource() {
    return db.dataSource();
  }
}
