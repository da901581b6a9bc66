package dev.vigil.inventory;

import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The inventory repository contract on PostgreSQL (skipped with a message when none is up). */
class PostgresInventoryRepositoryIntegrationTest extends InventoryRepositoryContract {

  private PostgresDatabase db;

  @BeforeEach
  void database() {
    db = TestDatabases.postgres();
    setUp();
  }

  @AfterEach
  void dropDatabase() {
    close();
    TestDatabases.drop(db);
  }

  @Override
  DataSource dataSource() {
    return db.dataSource();
  }
}
