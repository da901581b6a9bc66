package dev.vigil.jobs;

import dev.vigil.testsupport.PostgresApp;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bounded-input flow on a throw-away PostgreSQL database, where one bind parameter per id would
 * stop at 65,535; skipped with a message when none is reachable, failed under CI=true.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.access.admin-password=" + BoundedInputFlow.PASSWORD,
      "vigil.packages.allow-private-addresses=true",
      "vigil.scheduler.polling-interval=200ms",
      BoundedInputFlow.SETTINGS
    })
@Import(PostgresApp.DropOnClose.class)
@DirtiesContext
class BoundedInputPostgresSystemTest extends BoundedInputFlow {

  private static final PostgresApp db = new PostgresApp();

  @BeforeAll
  static void database() {
    db.create();
  }

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    db.register(registry);
  }
}
