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
import org.springframework.test.context.TestExecutionListeners;

/**
 * {@link VigilSystemTest} (with a database of its own) with tight limits and short timeouts, for
 * the tests of those: API bodies of at most 2 MB, package downloads of at most 20 MB and 30 s (3 s
 * to connect, 2 s idle), two webhook attempts 100 ms apart with 1 s timeouts and no sweep, three
 * connection retries 4 s apart (long enough to watch a run wait), and the quickstart baseline and
 * the installed SCAP Security Guide readable as {@code file:} packages (the first scan's content).
 * All such classes share one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:vigil-system-limits;" + VigilSystemTest.H2_OPTIONS,
      "vigil.access.admin-password=" + VigilSystemTest.ADMIN_PASSWORD,
      "vigil.packages.allow-private-addresses=true",
      "vigil.webhooks.allow-private-addresses=true",
      "vigil.packages.allowed-file-roots="
          + VigilSystemTest.CONTENT_ROOT
          + ",${user.dir}/../quickstart,"
          + ScanFixtures.SSG_CONTENT,
      "vigil.data-dir=" + VigilSystemTest.DATA_DIR,
      "vigil.scheduler.polling-interval=200ms",
      "vigil.api.max-request-body=2MB",
      "vigil.packages.max-download-size=20MB",
      "vigil.packages.connect-timeout=3s",
      "vigil.packages.idle-timeout=2s",
      "vigil.packages.total-timeout=30s",
      "vigil.webhooks.max-attempts=2",
      "vigil.webhooks.retry-backoff=100ms",
      "vigil.webhooks.connect-timeout=1s",
      "vigil.webhooks.read-timeout=1s",
      "vigil.webhooks.sweep-interval=1h",
      "vigil.executions.connect-retries=3",
      "vigil.executions.connect-backoff=4s"
    })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestExecutionListeners(
    listeners = SharedDatabaseReset.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface VigilSystemTestWithLimits {}
