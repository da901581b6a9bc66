package dev.vigil.executions;

import org.springframework.boot.test.context.SpringBootTest;

/** The end-to-end job execution flow on H2 in PostgreSQL mode (the default database). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:e2eexecutions;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.access.admin-password=" + E2eJobExecutionFlow.ADMIN_PASSWORD,
      "vigil.packages.allow-private-addresses=true",
      "vigil.scheduler.polling-interval=200ms"
    })
class E2eJobExecutionH2SystemTest extends E2eJobExecutionFlow {}
