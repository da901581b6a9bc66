package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Operator pages in a real headless Chromium over real oscap scans of a local server: "Scan now" on
 * a server's Security tab runs a one-off execution of the chosen job on that server alone (and
 * refuses plainly without a job); executions are titled by their number among the job's executions;
 * the server's OS is filled by a successful scan; the jobs list shows each job's last run and sorts
 * on the server; the executions filter picks a job by name; a schedule says its cron in plain words
 * and lists the jobs it starts in a table that sorts in the page.
 */
@VigilSystemTest
class OperatorPagesBrowserSystemTest {

  static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final Path root = SystemTestContent.newFolder("vigil-operator-pages");

  @LocalServerPort int port;

  @BeforeAll
  static void parts() {
    Browser.requireChromium();
    ScanFixtures.requireScanning();
  }

  @Test
  void scanNowNumbersLastRunPickersAndSchedules() throws Exception {
    ApiClient api = new ApiClient(port).login("admin", PW);
    FleetApi fleet = new FleetApi(api);
    Path ds = ScanFixtures.nineResultsDatastream(root);
    long pkg = fleet.readyPackage("nine", ds);
    long server = fleet.localServer("os-server");
    long other = fleet.localServer("other-server");
    long weekdays = fleet.schedule("weekdays", "0 5 * * 1-5", true);
    long gamma = job(api, "gamma-job", pkg, other, String.valueOf(weekdays));
    long alpha = job(api, "alpha-job", pkg, other, String.valueOf(weekdays));
    long beta = job(api, "beta-job", pkg, other, "\"manual\"");
    // the job targets other-server only: Scan now scans os-server with it, alone
    String base = "http://127.0.0.1:" + port;
    String os = prettyName();

    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.login(base, "admin", PW).driver();

      // Scan now without a job chosen: a plain refusal on the same page
      d.get(base + "/infrastructure/servers/" + server + "/security");
      d.findElement(By.id("scan-now")).click();
      await(d, "the scan-now page", x -> !x.findElements(By.id("scan-now-form")).isEmpty());
      assertThat(new Select(d.findElement(By.id("jobId"))).getOptions())
          .extracting(WebElement::getText)
          .anySatisfy(t -> assertThat(t).startsWith("beta-job"));
      d.executeScript(
          "var s = document.getElementById('jobId'); s.required = false;"
              + " s.add(new Option('none', '')); s.value = '';");
      d.findElement(By.id("scan-now-start")).click();
      await(d, "the refusal", x -> x.findElement(By.tagName("main")).getText().contains("Job:"));
      assertThat(d.findElement(By.cssSelector(".alert.error")).getText())
          .isEqualTo("Job: choose the job whose checklist and profile to scan with.");

      // Scan now with beta-job: execution 1 of beta-job, over os-server alone
      new Select(d.findElement(By.id("jobId"))).selectByValue(String.valueOf(beta));
      d.findElement(By.id("scan-now-start")).click();
      await(d, "the execution page", x -> x.getCurrentUrl().contains("/executions/"));
      long first = Long.parseLong(d.getCurrentUrl().replaceAll(".*/executions/(\\d+).*", "$1"));
      JsonNode ended = fleet.awaitEnd(first, Duration.ofSeconds(120));
      assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
      d.get(base + "/provisioning/jobs/executions/" + first);
      assertThat(d.findElement(By.id("execution-title")).getText())
          .startsWith("beta-job — execution 1");
      assertThat(d.getTitle()).isEqualTo("beta-job — execution 1 - Vigil");
      assertThat(d.findElement(By.id("target-runs")).getText())
          .contains("os-server")
          .doesNotContain("other-server");
      browser.screenshot("scan-now-execution");

      // the scan filled the server's OS
      d.get(base + "/infrastructure/hosts/" + server);
      assertThat(d.findElement(By.id("server-os")).getText()).isEqualTo(os);

      // the history links each scan to its comparison
      d.get(base + "/infrastructure/servers/" + server + "/security");
      assertThat(d.findElements(By.cssSelector("#scan-history a[href*='compare']"))).isNotEmpty();

      // a second execution of beta-job is its execution 2
      long second = fleet.execute(beta);
      fleet.awaitEnd(second, Duration.ofSeconds(120));
      d.get(base + "/provisioning/jobs/executions/" + second);
      assertThat(d.findElement(By.id("execution-title")).getText())
          .startsWith("beta-job — execution 2");

      // jobs list: last run and result; the server sorts by name both ways
      d.get(base + "/provisioning/jobs");
      assertThat(jobRow(d, "beta-job").findElement(By.cssSelector(".last-run")).getText())
          .contains("complete");
      assertThat(
              jobRow(d, "beta-job").findElement(By.cssSelector(".last-run a")).getAttribute("href"))
          .endsWith("/provisioning/jobs/executions/" + second);
      assertThat(jobRow(d, "alpha-job").findElement(By.cssSelector(".last-run")).getText())
          .isEqualTo("never");
      assertThat(jobNames(d)).containsExactly("alpha-job", "beta-job", "gamma-job");
      d.findElement(By.id("sort-name")).click();
      await(d, "the list by name, descending", x -> x.getCurrentUrl().contains("direction=desc"));
      assertThat(jobNames(d)).containsExactly("gamma-job", "beta-job", "alpha-job");
      assertThat(d.findElement(By.cssSelector("th[aria-sort]")).getAttribute("aria-sort"))
          .isEqualTo("descending");

      // executions: the job filter is a picker by name
      d.get(base + "/provisioning/jobs/executions");
      Select picker = new Select(d.findElement(By.id("jobId")));
      assertThat(picker.getOptions())
          .extracting(WebElement::getText)
          .containsExactly("any job", "alpha-job", "beta-job", "gamma-job");
      picker.selectByVisibleText("beta-job");
      d.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
      await(d, "the filtered list", x -> x.getCurrentUrl().contains("jobId=" + beta));
      assertThat(
              d.findElements(By.cssSelector("#execution-list td.job-number")).stream()
                  .map(WebElement::getText)
                  .toList())
          .containsExactly("execution 2", "execution 1");
      assertThat(new Select(d.findElement(By.id("jobId"))).getFirstSelectedOption().getText())
          .isEqualTo("beta-job");

      // the schedule in plain words, and what it starts, sorted in the page
      d.get(base + "/provisioning/automation/execute-schedules/" + weekdays);
      assertThat(d.findElement(By.id("schedule-words")).getText())
          .isEqualTo("At 05:00, Monday to Friday");
      assertThat(usedBy(d)).containsExactly("alpha-job", "gamma-job");
      WebElement jobHeader = d.findElement(By.cssSelector("#used-by th button.sort"));
      jobHeader.click();
      assertThat(usedBy(d)).containsExactly("alpha-job", "gamma-job");
      jobHeader.click();
      assertThat(usedBy(d)).containsExactly("gamma-job", "alpha-job");
      assertThat(d.findElement(By.cssSelector("#used-by th")).getAttribute("aria-sort"))
          .isEqualTo("descending");
      d.findElement(By.linkText("gamma-job")).click();
      await(d, "gamma's page", x -> x.getCurrentUrl().endsWith("/provisioning/jobs/" + gamma));
    }
    assertThat(alpha).isPositive();
  }

  private static long job(ApiClient api, String name, long pkg, long server, String mode) {
    ApiClient.Response r =
        api.post(
            "/api/jobs",
            "{\"job\":{\"targetType\":\"server\",\"targets\":[{\"refId\":"
                + server
                + "}],\"securityPackage\":{\"id\":"
                + pkg
                + "},\"scanPath\":\"nine-results-ds.xml\",\"securityProfile\":"
                + ApiClient.quote(ScanFixtures.NINE_PROFILE)
                + ",\"name\":"
                + ApiClient.quote(name)
                + ",\"scheduleMode\":"
                + mode
                + "}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("job").get("id").asLong();
  }

  private static String prettyName() throws IOException {
    return Files.readAllLines(Path.of("/etc/os-release")).stream()
        .filter(l -> l.startsWith("PRETTY_NAME="))
        .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
        .findFirst()
        .orElseThrow();
  }

  private static WebElement jobRow(ChromeDriver d, String name) {
    return d.findElement(
        By.xpath("//table[@id='job-list']//tr[td/a[normalize-space(.)='" + name + "']]"));
  }

  private static List<String> jobNames(ChromeDriver d) {
    return d.findElements(By.cssSelector("#job-list tbody tr td:nth-child(2) a")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static List<String> usedBy(ChromeDriver d) {
    return d.findElements(By.cssSelector("#used-by tbody tr td:first-child")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static void await(ChromeDriver d, String what, Function<ChromeDriver, Boolean> check) {
    new WebDriverWait(d, Duration.ofSeconds(30))
        .pollingEvery(Duration.ofMillis(100))
        .withMessage(what)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(x -> check.apply((ChromeDriver) x));
  }
}
