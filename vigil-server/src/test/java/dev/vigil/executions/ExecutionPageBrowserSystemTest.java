package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The execution page in a real headless Chromium, over real oscap scans of a local server: Execute
 * from the job's MORE menu shows "Job queued for execution." only while the execution has not
 * ended; the finished page shows each server's pass/fail and score; a running server's state is
 * never doubled ("scanning (scanning)"); and an execution cancelled before any scan shows plainly
 * that nothing could be compared, not a drift "over 0 server(s)".
 */
@VigilSystemTest
class ExecutionPageBrowserSystemTest {

  static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final Path root = SystemTestContent.newFolder("vigil-execution-page");

  @LocalServerPort int port;

  @BeforeAll
  static void parts() {
    Browser.requireChromium();
    ScanFixtures.requireScanning();
  }

  @Test
  void finishedRunsShowTheirResultAndNothingStaleOrDoubled() throws IOException {
    ApiClient api = new ApiClient(port).login("admin", PW);
    FleetApi fleet = new FleetApi(api);
    Path ds = ScanFixtures.slowDatastream(root, 3);
    long pkg = fleet.readyPackage("slow-content", ds);
    long server = fleet.localServer("exec-page-server");
    long job =
        fleet.job(
            "exec-page-job",
            pkg,
            ds.getFileName().toString(),
            ScanFixtures.SLOW_PROFILE,
            List.of(server),
            1);
    String base = "http://127.0.0.1:" + port;

    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.login(base, "admin", PW).driver();
      d.get(base + "/provisioning/jobs/" + job);
      d.findElement(By.cssSelector("#more-menu > summary")).click();
      d.findElement(By.id("execute-job")).click();
      // the click posts the form; wait for the execution page it redirects to
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !d.findElements(By.id("queued-notice")).isEmpty());
      assertThat(d.findElement(By.id("queued-notice")).getText())
          .isEqualTo("Job queued for execution.");
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> statusOf(d).equals("complete"));
      // the page refreshed itself to the ended status: the queued notice went with it
      assertThat(d.findElements(By.id("queued-notice"))).isEmpty();
      assertThat(d.findElement(By.tagName("main")).getText())
          .doesNotContain("Job queued for execution.");
      WebElement result = d.findElement(By.cssSelector("#target-runs tbody tr .run-result"));
      assertThat(result.getText())
          .contains("pass")
          .contains("score 100.0")
          .contains("2 pass, 0 fail");
      browser.screenshot("execution-page-complete");
      d.navigate().refresh();
      assertThat(d.findElements(By.id("queued-notice"))).isEmpty();

      // a second execution: watched while it scans, then cancelled before its scan is recorded
      long second = fleet.execute(job);
      d.get(base + "/provisioning/jobs/executions/" + second);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> stateCell(d).contains("scanning") || stateCell(d).contains("running"));
      assertThat(stateCell(d)).doesNotContainPattern("(\\w+) \\(\\1\\)");
      assertThat(api.put("/api/job-executions/" + second + "/cancel", "{}").status())
          .isEqualTo(200);
      fleet.awaitEnd(second, Duration.ofSeconds(60));
      d.get(base + "/provisioning/jobs/executions/" + second);
      assertThat(statusOf(d)).isEqualTo("cancelled");
      String drift = d.findElement(By.id("drift")).getText();
      assertThat(drift).doesNotContain("0 server(s)").contains("Nothing to compare with execution");
      assertThat(d.findElement(By.id("drift-missing")).getText()).contains("exec-page-server");
      browser.screenshot("execution-page-cancelled");
    }
  }

  private static String statusOf(ChromeDriver d) {
    return d.findElements(By.id("execution-status")).stream()
        .map(WebElement::getText)
        .findFirst()
        .orElse("");
  }

  private static String stateCell(ChromeDriver d) {
    return d.findElements(By.cssSelector("#target-runs tbody tr td:nth-child(3)")).stream()
        .map(WebElement::getText)
        .findFirst()
        .orElse("");
  }
}
