package dev.vigil.results;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packages.PackageService;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestEndpoints;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A hostile scan in a real headless Chromium: the package's rule description carries {@code
 * <script>}, an {@code onerror} image and a {@code javascript:} link, and oscap copies them into
 * its HTML report as live markup. Logged in through the real login page, the report page shows the
 * description as inert text and frames the HTML report sandboxed; neither it nor the report opened
 * on its own sets a marker in Vigil's origin (window variable, localStorage) or reaches the test's
 * hit counter — while the same HTML served without the sandbox does (the control).
 */
@VigilSystemTest
class ScanReportBrowserSystemTest {

  private static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final String INERT = "Inert: <script>window.top.pwned=1</script>";
  private static final String FAIL_RULE = "xccdf_dev.vigil_rule_fail";
  private static final String PAYLOAD =
      "window.top.pwned=1;localStorage.setItem('pwned','%1$s');fetch('/vigil-test/hit?from=%1$s')";

  // TestEndpoints.HITS: requests that reached the test's hit counter (only a script that ran can
  // make one); TestEndpoints.controlHtml: the crafted HTML report, served unsandboxed as the
  // control.

  private static final Path contentRoot = SystemTestContent.newFolder("vigil-browser-content");
  private static final Path runs = tempDir("vigil-browser-runs");
  private static Path craftedDs;
  private static Path arf;
  private static Path html;

  @LocalServerPort int port;
  @Autowired ResultService results;
  @Autowired PackageService packages;

  @BeforeAll
  static void craftAndScan() throws Exception {
    ScanFixtures.requireScanning();
    Browser.requireChromium();
    Path source = Files.createDirectories(contentRoot.resolve("src"));
    Path xccdf = ScanFixtures.nineResultsXccdf(source);
    String description =
        "<description xmlns:h=\"http://www.w3.org/1999/xhtml\">Inert: &lt;script&gt;"
            + "window.top.pwned=1&lt;/script&gt; <h:script>"
            + PAYLOAD.formatted("desc-script")
            + "</h:script><h:img src=\"x\" onerror=\""
            + PAYLOAD.formatted("desc-onerror")
            + "\"/><h:a href=\"javascript:"
            + PAYLOAD.formatted("desc-link")
            + "\">click</h:a> <h:code>safe code</h:code></description>";
    String text = Files.readString(xccdf);
    Files.writeString(
        xccdf,
        text.replace("<title>Always fails</title>", "<title>Always fails</title>" + description));
    craftedDs = contentRoot.resolve("crafted-ds.xml");
    run(source, "oscap", "ds", "sds-compose", xccdf.getFileName().toString(), craftedDs.toString());
    assertThat(ScanFixtures.exitCode("oscap", "ds", "sds-validate", craftedDs.toString())).isZero();
    arf = runs.resolve("crafted-arf.xml");
    html = runs.resolve("crafted-report.html");
    assertThat(ScanFixtures.oscapEval(craftedDs, NINE_PROFILE, arf, "--report", html.toString()))
        .isEqualTo(2);
    String report = Files.readString(html);
    assertThat(report)
        .as("oscap copies the description's script into its report")
        .contains("<script>" + PAYLOAD.formatted("desc-script") + "</script>");
    report =
        report.replace(
            "</body>", "<script>" + PAYLOAD.formatted("report-script") + "</script></body>");
    Files.writeString(html, report);
    TestEndpoints.controlHtml = report.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void hostileDescriptionsAndReportStayInertInChromium() throws Exception {
    ApiClient api = new ApiClient(port).login("admin", PW);
    ReportFixtures.Target t = ReportFixtures.target(api, packages, "crafted", craftedDs);
    SecurityScan scan = ReportFixtures.record(results, t, t.versionId(), arf, html);
    String base = "http://127.0.0.1:" + port;

    HttpResponse<String> apiReport =
        ReportFixtures.get(
            port,
            ReportFixtures.token(port, "admin", PW),
            "/api/security-scans/" + scan.id() + "/report.html");
    assertThat(apiReport.headers().allValues("Content-Security-Policy")).containsExactly("sandbox");
    assertThat(apiReport.body()).contains(PAYLOAD.formatted("report-script"));

    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.driver();
      d.get(base + "/login");
      d.findElement(By.id("username")).sendKeys("admin");
      d.findElement(By.id("password")).sendKeys(PW);
      d.findElement(By.cssSelector("form button[type=submit]")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> !d.getCurrentUrl().contains("/login"));

      d.get(base + "/security-scans/" + scan.id());
      assertThat(d.getCurrentUrl())
          .endsWith("/infrastructure/servers/" + t.serverId() + "/security/" + scan.id());
      WebElement row = d.findElement(By.cssSelector("tr[data-rule-id='" + FAIL_RULE + "']"));
      row.findElement(By.cssSelector("details.rule-texts > summary")).click();
      WebElement description = row.findElement(By.cssSelector(".rule-description"));
      assertThat(description.getText()).contains(INERT).contains("click").contains("safe code");
      assertThat(description.findElements(By.cssSelector("script, img, iframe, a, [onerror]")))
          .isEmpty();
      assertThat(description.findElements(By.tagName("code"))).hasSize(1);

      WebElement frame = d.findElement(By.id("html-report-frame"));
      assertThat(frame.getAttribute("sandbox")).isEmpty();
      d.switchTo().frame(frame);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> d.findElement(By.tagName("body")).getText().contains("Always fails"));
      d.switchTo().defaultContent();
      d.executeScript("arguments[0].scrollIntoView()", row);
      browser.screenshot("scan-report-crafted");
      assertNothingRanInVigilsOrigin(d, base);

      d.get(base + "/security-scans/" + scan.id() + "/report.html");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> d.findElement(By.tagName("body")).getText().contains("Always fails"));
      browser.screenshot("scan-html-report-crafted");
      d.get(base + "/");
      assertNothingRanInVigilsOrigin(d, base);

      // the control: the same report without the sandbox runs its scripts in Vigil's origin
      d.get(base + "/vigil-test/control.html");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> TestEndpoints.HITS.contains("report-script"));
      assertThat(d.executeScript("return localStorage.getItem('pwned')")).isNotNull();
      d.executeScript("localStorage.clear()");
    } finally {
      TestEndpoints.HITS.clear();
    }
  }

  private static void assertNothingRanInVigilsOrigin(ChromeDriver d, String base) {
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                TestEndpoints.HITS.isEmpty()
                    && Boolean.TRUE.equals(
                        d.executeScript(
                            "return window.pwned === undefined"
                                + " && localStorage.getItem('pwned') === null")));
    assertThat(d.getCurrentUrl()).startsWith(base);
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
