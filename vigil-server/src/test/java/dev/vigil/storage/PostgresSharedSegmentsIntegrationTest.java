package dev.vigil.storage;

import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared segments of blobs on Postgres. */
class PostgresSharedSegmentsIntegrationTest extends SharedSegmentsContract {

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
