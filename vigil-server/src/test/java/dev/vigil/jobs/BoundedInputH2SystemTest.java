package dev.vigil.jobs;

import org.springframework.boot.test.context.SpringBootTest;

/** The bounded-input flow on an in-memory H2 database. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:boundedinput;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.access.admin-password=" + BoundedInputFlow.PASSWORD,
      "vigil.packages.allow-private-addresses=true",
      "vigil.scheduler.polling-interval=200ms",
      BoundedInputFlow.SETTINGS
    })
class BoundedInputH2SystemTest extends BoundedInputFlow {}
