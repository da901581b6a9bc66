package dev.vigil.retention;

import dev.vigil.testsupport.PostgresApp;
import dev.vigil.testsupport.VigilSystemTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The retention flow on a throw-away PostgreSQL database; skipped with a message when none is
 * reachable, failed under CI=true.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.access.admin-password=" + ScanRetentionFlow.ADMIN_PASSWORD,
      "vigil.scheduler.polling-interval=200ms",
      "vigil.packages.allowed-file-roots=" + VigilSystemTest.CONTENT_ROOT,
      "vigil.retention.batch-size=2"
    })
@Import({ScanRetentionFlow.ClockConfig.class, PostgresApp.DropOnClose.class})
@DirtiesContext
class ScanRetentionPostgresSystemTest extends ScanRetentionFlow {

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
