package dev.vigil.compliance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;

/**
 * The waiver flow on an in-memory H2 database, with the compliance flow's settings (so one
 * application context serves both when they run in the same JVM).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:compliance;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.access.admin-password=" + ComplianceSystemBase.ADMIN_PASSWORD,
      "vigil.scheduler.polling-interval=200ms"
    })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@Import(ComplianceSystemBase.ClockConfig.class)
class WaiverH2SystemTest extends WaiverFlow {}
