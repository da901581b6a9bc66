package dev.vigil.results;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packages.PackageService;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Auditor's navigation in a real headless Chromium: a role with "Security: Scanning" Read and
 * Infrastructure None finds Hosts in the menu, opens a server's Security tab with its name and
 * compliance, follows a scan's server link to that tab — and no link or tab on any of those pages
 * answers 403. Adding Infrastructure Read adds the connection details (address, Summary tab).
 */
@VigilSystemTest
class AuditorNavigationBrowserSystemTest {

  static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final String USER_PW = "auditor-nav-user-pw";
  private static final Path root = SystemTestContent.newFolder("vigil-auditor-nav");

  @LocalServerPort int port;
  @Autowired ResultService results;
  @Autowired PackageService packages;

  @BeforeAll
  static void parts() {
    Browser.requireChromium();
    ScanFixtures.requireScanning();
  }

  @Test
  void scanReadersReachHostsTheirSecurityTabAndNeverAForbiddenPage() throws Exception {
    ApiClient admin = new ApiClient(port).login("admin", PW);
    Path ds = ScanFixtures.nineResultsDatastream(root);
    Path arf = root.resolve("nine-arf.xml");
    assertThat(ScanFixtures.oscapEval(ds, NINE_PROFILE, arf)).isEqualTo(2);
    ReportFixtures.Target t = ReportFixtures.target(admin, packages, "audited", ds);
    SecurityScan scan = ReportFixtures.record(results, t, t.versionId(), arf, null);
    user(admin, "scan-only", "{\"security-scanning\":\"read\",\"infrastructure\":\"none\"}");
    user(admin, "scan-infra", "{\"security-scanning\":\"read\",\"infrastructure\":\"read\"}");
    String base = "http://127.0.0.1:" + port;

    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.login(base, "scan-only", USER_PW).driver();
      d.findElement(By.id("nav-hosts")).click();
      assertThat(d.getCurrentUrl()).endsWith("/infrastructure/servers");
      String list = d.findElement(By.id("server-list")).getText();
      assertThat(list).contains(t.name()).doesNotContain("Address").doesNotContain("local");
      assertThat(tabs(d)).containsExactly("Hosts");
      assertNoForbiddenLink(d, "the hosts list");
      browser.screenshot("auditor-scan-only-hosts");

      d.findElement(By.linkText(t.name())).click();
      assertThat(d.getCurrentUrl())
          .endsWith("/infrastructure/servers/" + t.serverId() + "/security");
      assertThat(d.findElement(By.cssSelector("main h1")).getText()).contains(t.name());
      assertThat(d.findElement(By.id("server-compliance")).getText()).isNotBlank();
      assertThat(d.findElements(By.id("tab-summary"))).as("no Summary tab").isEmpty();
      assertNoForbiddenLink(d, "the Security tab");
      // compare is reachable from the history: each scan's row links to its comparison page
      d.findElement(By.cssSelector("#scan-history tr[data-scan] a.compare-link")).click();
      assertThat(d.getCurrentUrl()).endsWith("/security-scans/" + scan.id() + "/compare");
      assertThat(d.findElement(By.cssSelector("main h1")).getText()).doesNotContain("Not allowed");
      d.navigate().back();

      d.get(base + "/security-scans/" + scan.id());
      assertNoForbiddenLink(d, "the scan report");
      d.findElement(By.id("scan-server")).click();
      assertThat(d.findElement(By.cssSelector("main h1")).getText())
          .contains(t.name())
          .doesNotContain("Not allowed");
      d.get(base + "/dashboard");
      assertNoForbiddenLink(d, "the dashboard");

      browser.login(base, "scan-infra", USER_PW);
      d.findElement(By.id("nav-hosts")).click();
      assertThat(d.getCurrentUrl()).endsWith("/infrastructure/hosts");
      assertThat(d.findElement(By.id("server-list")).getText())
          .contains("Address")
          .contains("local");
      assertThat(tabs(d)).containsExactly("Hosts", "Instances", "Credentials");
      assertNoForbiddenLink(d, "the full hosts list");
      d.get(base + "/infrastructure/servers/" + t.serverId() + "/security");
      d.findElement(By.id("tab-summary")).click();
      assertThat(d.getCurrentUrl()).endsWith("/infrastructure/hosts/" + t.serverId());
      assertThat(d.findElement(By.tagName("main")).getText()).contains("local");
      assertNoForbiddenLink(d, "the host's Summary tab");
      d.get(base + "/security-scans/" + scan.id());
      d.findElement(By.id("scan-server")).click();
      assertThat(d.getCurrentUrl()).endsWith("/infrastructure/hosts/" + t.serverId());
    }
  }

  private static void user(ApiClient admin, String name, String permissions) {
    long role =
        ReportFixtures.created(
            admin.post(
                "/api/roles",
                "{\"role\":{\"name\":\"" + name + "-role\",\"permissions\":" + permissions + "}}"),
            "role");
    ReportFixtures.created(
        admin.post(
            "/api/users",
            "{\"user\":{\"username\":\""
                + name
                + "\",\"password\":\""
                + USER_PW
                + "\",\"roles\":[{\"id\":"
                + role
                + "}]}}"),
        "user");
  }

  private static List<String> tabs(ChromeDriver d) {
    return d.findElements(By.cssSelector("main nav.tabs[aria-label=Infrastructure] a")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** Every same-origin link on the page (menu, tabs, content), fetched as the user: none is 403. */
  private static void assertNoForbiddenLink(ChromeDriver d, String page) {
    @SuppressWarnings("unchecked")
    List<Object> statuses =
        (List<Object>)
            d.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var links = Array.from(document.querySelectorAll('a[href]'))"
                    + ".map(function (a) { return a.href; })"
                    + ".filter(function (h) { return h.indexOf(location.origin + '/') === 0; });"
                    + "Promise.all(links.map(function (h) {"
                    + "  return fetch(h, {redirect: 'manual'}).then(function (r) {"
                    + "    return r.status + ' ' + h; }); })).then(done);");
    List<String> forbidden = new ArrayList<>();
    for (Object s : statuses) {
      if (String.valueOf(s).startsWith("403")) {
        forbidden.add(String.valueOf(s));
      }
    }
    assertThat(statuses).as("links on " + page).isNotEmpty();
    assertThat(forbidden).as("forbidden links on " + page).isEmpty();
  }
}
