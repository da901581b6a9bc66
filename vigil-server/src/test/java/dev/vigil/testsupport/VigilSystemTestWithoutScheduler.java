package dev.vigil.testsupport;

import dev.vigil.schedules.TestScheduleUsage;
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
 * {@link VigilSystemTest} with {@code vigil.scheduler.enabled=false} (and a database of its own):
 * for tests whose records must stay as made, e.g. a package that stays queued. Private addresses
 * are refused (the defaults), for the tests of that refusal, and the test schedule usage ({@link
 * TestScheduleUsage}) and a handler without a guard ({@link UnguardedHandler}) are there. All such
 * classes share one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:vigil-system-idle;" + VigilSystemTest.H2_OPTIONS,
      "vigil.access.admin-password=" + VigilSystemTest.ADMIN_PASSWORD,
      "vigil.packages.allowed-file-roots=" + VigilSystemTest.CONTENT_ROOT,
      "vigil.data-dir=" + VigilSystemTest.DATA_DIR,
      "vigil.scheduler.enabled=false",
      "vigil.scheduler.node-name=" + VigilSystemTestWithoutScheduler.NODE_NAME
    })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestExecutionListeners(
    listeners = SharedDatabaseReset.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@Import({TestScheduleUsage.class, UnguardedHandler.class})
public @interface VigilSystemTestWithoutScheduler {

  /** This application's node name (it picks no tasks: its scheduler is off). */
  String NODE_NAME = "vigil-idle-node";
}
