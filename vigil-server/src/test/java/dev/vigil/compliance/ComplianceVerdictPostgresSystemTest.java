package dev.vigil.compliance;

import dev.vigil.testsupport.PostgresApp;
import dev.vigil.testsupport.VigilSystemTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The verdict flow on a throw-away PostgreSQL database; skipped with a message when none is
 * reachable, failed under CI=true.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.access.admin-password=" + ComplianceSystemBase.ADMIN_PASSWORD,
      "vigil.scheduler.polling-interval=200ms",
      "vigil.packages.allowed-file-roots=" + VigilSystemTest.CONTENT_ROOT
    })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@Import({ComplianceSystemBase.ClockConfig.class, PostgresApp.DropOnClose.class})
@DirtiesContext
class ComplianceVerdictPostgresSystemTest extends ComplianceVerdictFlow {

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
