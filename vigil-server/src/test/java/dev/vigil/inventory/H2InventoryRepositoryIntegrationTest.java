package dev.vigil.inventory;

import dev.vigil.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The inventory repository contract on H2 in PostgreSQL mode (the default database). */
class H2InventoryRepositoryIntegrationTest extends InventoryRepositoryContract {

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
