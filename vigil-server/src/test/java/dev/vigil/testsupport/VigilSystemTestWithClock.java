package dev.vigil.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestExecutionListeners;

/**
 * {@link VigilSystemTest} (with a database of its own) whose application clock is a {@link
 * SettableClock} 30 days behind the real time, set back to that before each test class (a class may
 * {@link SettableClock#reset(Duration)} it to another distance), and with quick webhook retries and
 * sweeps and retention batches of 2: for the tests that age scans, waivers, deliveries and tokens
 * by moving the clock. All such classes share one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:vigil-system-clock;" + VigilSystemTest.H2_OPTIONS,
      "vigil.access.admin-password=" + VigilSystemTest.ADMIN_PASSWORD,
      "vigil.webhooks.allow-private-addresses=true",
      "vigil.packages.allowed-file-roots=" + VigilSystemTest.CONTENT_ROOT,
      "vigil.data-dir=" + VigilSystemTest.DATA_DIR,
      "vigil.scheduler.polling-interval=200ms",
      "vigil.webhooks.retry-backoff=100ms",
      "vigil.webhooks.max-backoff=1s",
      "vigil.webhooks.sweep-interval=1s",
      "vigil.retention.batch-size=2",
      "vigil.firing.tick-interval=1s"
    })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestExecutionListeners(
    listeners = SharedDatabaseReset.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@Import({TestEndpoints.class, VigilSystemTestWithClock.Clock.class})
public @interface VigilSystemTestWithClock {

  /** The application's clock: a {@link SettableClock} 30 days behind the real time. */
  @TestConfiguration
  class Clock {
    @Bean
    @Primary
    SettableClock settableClock() {
      return new SettableClock(Duration.ofDays(30));
    }
  }
}
