package dev.vigil.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The one configuration of whole-application tests: Vigil on a random port (and a {@code MockMvc}
 * that keeps no copy of the responses to print), H2 in memory, the scheduler polling every 200 ms,
 * private addresses allowed for packages and webhooks, {@code file:} packages from under {@link
 * SystemTestContent#root()}, the test endpoints of {@link TestEndpoints}; a remediation that finds
 * its server locked retries after 200 ms and a scan's progress is written every 100 ms (quicker
 * than the defaults, as the tests of those wait for them). Every test class that declares exactly
 * this (and nothing that changes the application context: no other properties, {@code @Import},
 * {@code @MockitoBean}, {@code @DynamicPropertySource}, nested {@code @TestConfiguration} or
 * profile) runs against the same application, started once per JVM by Spring's test context cache.
 *
 * <p>The database is shared: {@link SharedDatabaseReset} empties the fleet before each test class
 * (users, roles and tokens stay, so users are made with {@link TestUsers#create}, which copes with
 * an existing one). A class must not leave work running behind it, and one that changes a global
 * setting restores it. {@link VigilSystemTestWithoutScheduler} is the same without the scheduler.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:vigil-system;" + VigilSystemTest.H2_OPTIONS,
      "vigil.access.admin-password=" + VigilSystemTest.ADMIN_PASSWORD,
      "vigil.packages.allow-private-addresses=true",
      "vigil.webhooks.allow-private-addresses=true",
      "vigil.packages.allowed-file-roots=" + VigilSystemTest.CONTENT_ROOT,
      "vigil.data-dir=" + VigilSystemTest.DATA_DIR,
      "vigil.scheduler.polling-interval=200ms",
      "vigil.remediation.lock-retry=200ms",
      "vigil.executions.progress-interval=100ms"
    })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestExecutionListeners(
    listeners = SharedDatabaseReset.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@Import(TestEndpoints.class)
public @interface VigilSystemTest {

  /** The admin's password in every shared test application. */
  String ADMIN_PASSWORD = "vigil-system-admin-pw";

  /** The H2 URL options of the shared applications (as the application's default). */
  String H2_OPTIONS =
      "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  /** The data directory (the inventory's master key file) of the shared applications. */
  String DATA_DIR = "target/vigil-system-data";

  /** The folder {@code file:} packages may be read from; see {@link SystemTestContent#root()}. */
  String CONTENT_ROOT = "${java.io.tmpdir}/" + SystemTestContent.FOLDER;
}
