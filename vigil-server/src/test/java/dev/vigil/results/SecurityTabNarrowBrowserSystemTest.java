package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A server's Security tab in a real headless Chromium 768 px wide, after a real scan with the SCAP
 * Security Guide: the page, the compliance table (SSG's profile and benchmark ids have no break
 * opportunity) and the scan history fit the window — nothing runs off to the right.
 */
@VigilSystemTest
class SecurityTabNarrowBrowserSystemTest {

  static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final Path root = SystemTestContent.newFolder("vigil-narrow");

  @LocalServerPort int port;

  @BeforeAll
  static void parts() {
    Browser.requireChromium();
    ScanFixtures.requireScanning();
  }

  @Test
  void theSecurityTabFitsA768PixelWindow() throws IOException {
    FleetApi fleet = new FleetApi(new ApiClient(port).login("admin", PW));
    Path ds = Files.copy(ScanFixtures.SSG_DEBIAN11, root.resolve("ssg-debian11-ds.xml"));
    long pkg = fleet.readyPackage("ssg-debian11", ds);
    long server = fleet.localServer("a-server-with-a-rather-long-name-for-a-narrow-window");
    long job =
        fleet.job(
            "nightly-compliance-scan-of-everything",
            pkg,
            ds.getFileName().toString(),
            ScanFixtures.SSG_STANDARD,
            List.of(server),
            1);
    fleet.awaitEnd(fleet.execute(job), Duration.ofSeconds(300));

    String base = "http://127.0.0.1:" + port;
    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.driver();
      d.get(base + "/login");
      d.findElement(By.id("username")).sendKeys("admin");
      d.findElement(By.id("password")).sendKeys(PW);
      d.findElement(By.cssSelector("form button[type=submit]")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> !d.getCurrentUrl().contains("/login"));

      d.manage().window().setSize(new Dimension(768, 1024));
      d.get(base + "/infrastructure/servers/" + server + "/security");
      assertThat(d.findElements(By.cssSelector("#scan-history tr[data-scan]"))).hasSize(1);
      long viewport = (Long) d.executeScript("return document.documentElement.clientWidth");
      assertThat(viewport).as("viewport").isBetween(700L, 768L);
      browser.screenshot("security-tab-768");
      long page = (Long) d.executeScript("return document.documentElement.scrollWidth");
      assertThat(page).as("page width at %d px", viewport).isLessThanOrEqualTo(viewport);
      for (String table : List.of("#compliance-profiles table", "#scan-history")) {
        Number right =
            (Number)
                d.executeScript(
                    "return document.querySelector(arguments[0]).getBoundingClientRect().right",
                    table);
        assertThat(right.doubleValue()).as(table).isLessThanOrEqualTo(viewport);
      }
    }
  }
}
