package dev.vigil.storage;

import dev.vigil.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared segments of blobs on H2. */
class H2SharedSegmentsIntegrationTest extends SharedSegmentsContract {

  private DataSource ds;

  @BeforeEach
  void database() {
    ds = TestDatabases.h2();
    setUp();
  }

  @AfterEach
  void dropDatabase() {
    ((org.springframework.jdbc.datasource.SingleConnectionDataSource) ds).destroy();
  }

  @Override
  DataSource dataSource() {
    return ds;
  }
}
