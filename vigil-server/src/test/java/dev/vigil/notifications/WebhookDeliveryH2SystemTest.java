package dev.vigil.notifications;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/** The webhook flow on an in-memory H2 database. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:webhooks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      WebhookDeliveryFlow.P1,
      WebhookDeliveryFlow.P2,
      WebhookDeliveryFlow.P3,
      WebhookDeliveryFlow.P4,
      WebhookDeliveryFlow.P5,
      WebhookDeliveryFlow.P6,
      WebhookDeliveryFlow.P7
    })
@AutoConfigureMockMvc
@Import(WebhookDeliveryFlow.ClockConfig.class)
class WebhookDeliveryH2SystemTest extends WebhookDeliveryFlow {}
