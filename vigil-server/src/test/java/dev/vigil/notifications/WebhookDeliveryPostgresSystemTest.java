package dev.vigil.notifications;

import dev.vigil.testsupport.PostgresApp;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook flow on a throw-away PostgreSQL database; skipped with a message when none is
 * reachable, failed under CI=true.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      WebhookDeliveryFlow.P1,
      WebhookDeliveryFlow.P2,
      WebhookDeliveryFlow.P3,
      WebhookDeliveryFlow.P4,
      WebhookDeliveryFlow.P5,
      WebhookDeliveryFlow.P6,
      WebhookDeliveryFlow.P7,
      WebhookDeliveryFlow.P8
    })
@AutoConfigureMockMvc
@Import({WebhookDeliveryFlow.ClockConfig.class, PostgresApp.DropOnClose.class})
@DirtiesContext
class WebhookDeliveryPostgresSystemTest extends WebhookDeliveryFlow {

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
