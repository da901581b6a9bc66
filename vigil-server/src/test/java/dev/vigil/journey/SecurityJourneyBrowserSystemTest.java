package dev.vigil.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.ContentServer;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole user journey of issue 6 in a real headless Chromium, click by click, against one
 * application on an in-memory H2: a loopback HTTP server serves the nine-results package, a real
 * loopback sshd is the target, the real oscap scans it. First an administrator makes the roles and
 * users in the Administration pages; then a Security Operator adds the package, an execute
 * schedule, a credential and a server, creates and executes a scan job and follows the execution to
 * its scan; then an Auditor sees all of it without a single add, edit, delete or execute control,
 * and a forged POST with the page's own CSRF token is refused. Screenshots of every step go to
 * {@code target/screenshots/}.
 *
 * <p>The auditor's journey reads what the operator's made, so the two run in order.
 */
@VigilSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityJourneyBrowserSystemTest {

  static final String ADMIN_PW = VigilSystemTest.ADMIN_PASSWORD;
  static final String OPERATOR = "olivia";
  static final String OPERATOR_PW = "olivia-operates-1";
  static final String AUDITOR = "arthur";
  static final String AUDITOR_PW = "arthur-audits-1";

  private static final Path contentRoot = tempDir();
  private static ContentServer content;
  private static SshdHarness sshd;

  @LocalServerPort int port;

  @BeforeAll
  static void startTheWorld() throws Exception {
    ScanFixtures.requireScanning();
    Browser.requireChromium();
    Path ds = ScanFixtures.nineResultsDatastream(contentRoot);
    content = new ContentServer().bytes("/content/nine-results-ds.xml", Files.readAllBytes(ds));
    sshd = SshdHarness.start();
    sshd.authorize("root");
  }

  @AfterAll
  static void stopTheWorld() {
    if (sshd != null) {
      sshd.close();
    }
    if (content != null) {
      content.close();
    }
  }

  @Test
  @Order(1)
  void anOperatorAddsEverythingAndScansAServerClickByClick() {
    try (Browser browser = Browser.start()) {
      Clicks c = new Clicks(browser, port);
      new AdminSteps(c).makeOperatorAndAuditor();
      OperatorSteps op = new OperatorSteps(c, content.url("/content/nine-results-ds.xml"), sshd);
      c.login(OPERATOR, OPERATOR_PW);
      op.addsThePackage();
      op.addsAnExecuteSchedule();
      op.addsACredentialAndAServer();
      op.createsTheJobInTheWizardAndExecutesIt();
      op.followsTheExecutionToItsScan(admin());
    }
  }

  @Test
  @Order(2)
  void anAuditorSeesEverythingButCannotChangeAnything() {
    ApiClient admin = admin();
    Tally before = Tally.of(admin);
    assertThat(before.jobs()).as("the operator's journey ran first").isOne();
    try (Browser browser = Browser.start()) {
      Clicks c = new Clicks(browser, port);
      c.width(768).login(AUDITOR, AUDITOR_PW);
      AuditorSteps au = new AuditorSteps(c);
      au.seesPackagesWithoutControls();
      au.seesJobsWithoutControls();
      au.seesExecutionsWithoutControls();
      au.seesSchedulesWithoutControls();
      au.seesHostsWithoutControls();
      au.isRefusedAForgedExecute(before.jobId());
      au.isRefusedAForgedPackageCreate();
    }
    assertThat(Tally.of(admin)).as("nothing changed").isEqualTo(before);
  }

  private ApiClient admin() {
    return new ApiClient(port).login("admin", ADMIN_PW);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-journey-content");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
