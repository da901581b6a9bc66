package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.VigilSystemTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pages rendered through {@code error/problem.html} in a real headless Chromium: a missing job and
 * a missing scan show "Not found" as heading and tab title, with the reason — not the layout's
 * template code, which the fragment's {@code title} parameter used to put there.
 */
@VigilSystemTest
class NotFoundPageBrowserSystemTest {

  static final String PW = VigilSystemTest.ADMIN_PASSWORD;

  @LocalServerPort int port;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  @Test
  void aMissingJobAndAMissingScanShowTheirHeadingAndTabTitle() {
    String base = "http://127.0.0.1:" + port;
    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.driver();
      d.get(base + "/login");
      d.findElement(By.id("username")).sendKeys("admin");
      d.findElement(By.id("password")).sendKeys(PW);
      d.findElement(By.cssSelector("form button[type=submit]")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> !d.getCurrentUrl().contains("/login"));

      d.get(base + "/provisioning/jobs/999");
      assertNotFoundPage(d, "Job not found (id 999)");
      browser.screenshot("not-found-job");

      d.get(base + "/security-scans/999999");
      assertNotFoundPage(d, "not found (id 999999)");
    }
  }

  private static void assertNotFoundPage(ChromeDriver d, String named) {
    assertThat(d.getTitle()).isEqualTo("Not found - Vigil");
    assertThat(d.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Not found");
    assertThat(d.findElement(By.cssSelector("main [role=alert]")).getText()).contains(named);
    assertThat(d.getPageSource()).doesNotContain("th:text").doesNotContain("th:replace");
  }
}
