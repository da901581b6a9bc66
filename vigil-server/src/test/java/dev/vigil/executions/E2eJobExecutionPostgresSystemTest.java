package dev.vigil.executions;

import dev.vigil.testsupport.PostgresApp;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end job execution flow with the whole application (and db-scheduler) on a throw-away
 * PostgreSQL database; skipped with a message when none is reachable, failed under CI=true.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.access.admin-password=" + E2eJobExecutionFlow.ADMIN_PASSWORD,
      "vigil.packages.allow-private-addresses=true",
      "vigil.scheduler.polling-interval=200ms"
    })
@Import(PostgresApp.DropOnClose.class)
@DirtiesContext
class E2eJobExecutionPostgresSystemTest extends E2eJobExecutionFlow {

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
