package dev.vigil.retention;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The retention flow on H2 (PostgreSQL mode). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:retention;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.access.admin-password=" + ScanRetentionFlow.ADMIN_PASSWORD,
      "vigil.scheduler.polling-interval=200ms",
      "vigil.retention.batch-size=2"
    })
@Import(ScanRetentionFlow.ClockConfig.class)
class ScanRetentionH2SystemTest extends ScanRetentionFlow {}
