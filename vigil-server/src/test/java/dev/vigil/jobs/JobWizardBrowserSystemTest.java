package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The job wizard in a real headless Chromium. With JavaScript: the keyboard alone goes from type
 * and name to COMPLETE, a package or schedule change updates the pick lists in place (a marker put
 * on {@code window} survives, focus and scroll stay), the date field and its time zone show for
 * Date and Time only, the date is read in the chosen zone, errors speak the form's words, and the
 * targets are searched, filtered by label and selected all at once without any request. Without
 * JavaScript: the same wizard works through its "Update choices" button.
 */
@VigilSystemTest
class JobWizardBrowserSystemTest {

  static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final Path root = SystemTestContent.newFolder("vigil-job-wizard");

  @LocalServerPort int port;

  @BeforeAll
  static void parts() {
    Browser.requireChromium();
    ScanFixtures.requireScanning();
  }

  record Fleet(ApiClient api, List<Long> web, List<Long> db) {}

  private static Fleet fleet;

  private synchronized Fleet fleet() throws IOException {
    if (fleet != null) {
      return fleet;
    }
    ApiClient api = new ApiClient(port).login("admin", PW);
    FleetApi f = new FleetApi(api);
    f.readyPackage("nine", ScanFixtures.nineResultsDatastream(root));
    List<Long> web = new ArrayList<>();
    List<Long> db = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      web.add(server(api, "web-0" + i, "web"));
    }
    for (int i = 1; i <= 2; i++) {
      db.add(server(api, "db-0" + i, "Database"));
    }
    fleet = new Fleet(api, web, db);
    return fleet;
  }

  private static long server(ApiClient api, String name, String label) {
    ApiClient.Response r =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\",\"privilegeMode\":\"root\",\"labels\":[\""
                + label
                + "\"]}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("server").get("id").asLong();
  }

  @Test
  void keyboardFlowUpdatesInPlaceAndTargetsFilter() throws Exception {
    Fleet f = fleet();
    String base = "http://127.0.0.1:" + port;
    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.login(base, "admin", PW).driver();
      d.get(base + "/provisioning/jobs/new");
      WebElement name = d.findElement(By.id("name"));
      name.click();
      name.sendKeys("keyboard-job", Keys.ENTER);
      await(d, "step 2", x -> !x.findElements(By.id("step-details")).isEmpty());

      // JavaScript runs: the no-JS button is gone, the target tools are there; Manual: no date
      assertThat(d.findElement(By.id("refresh-choices")).isDisplayed()).isFalse();
      assertThat(d.findElement(By.id("target-search")).isDisplayed()).isTrue();
      assertThat(d.findElement(By.id("dateTime")).isDisplayed()).as("no date for Manual").isFalse();
      d.executeScript("window.vigilMarker = 'same page'; window.scrollTo(0, 120);");
      long scroll = ((Number) d.executeScript("return window.scrollY")).longValue();

      // the keyboard picks the package: the checklists and profiles follow, in place
      WebElement pkg = d.findElement(By.id("securityPackage"));
      pkg.sendKeys(Keys.ARROW_DOWN);
      await(
          d,
          "the checklists of the package",
          x -> options(x, "scanPath").contains("nine-results-ds.xml"));
      assertThat(d.executeScript("return window.vigilMarker")).isEqualTo("same page");
      assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("securityPackage");
      assertThat(((Number) d.executeScript("return window.scrollY")).longValue()).isEqualTo(scroll);
      assertThat(
              new Select(d.findElement(By.id("securityProfile")))
                  .getFirstSelectedOption()
                  .getAttribute("value"))
          .isEqualTo(ScanFixtures.NINE_PROFILE);

      // Date and Time shows the date and its time zone; Manual hides them again
      WebElement schedule = d.findElement(By.id("scheduleMode"));
      schedule.sendKeys(Keys.ARROW_DOWN);
      assertThat(new Select(schedule).getFirstSelectedOption().getText())
          .isEqualTo("Date and Time");
      assertThat(d.findElement(By.id("dateTime")).isDisplayed()).isTrue();
      assertThat(d.findElement(By.id("timeZone")).isDisplayed()).isTrue();

      // an empty date: the error speaks the form's words, in the one style
      d.findElement(By.id("next")).sendKeys(Keys.ENTER);
      await(
          d, "step 2 with errors", x -> !x.findElements(By.cssSelector(".field-error")).isEmpty());
      List<String> errors =
          d.findElements(By.cssSelector(".field-error")).stream().map(WebElement::getText).toList();
      assertThat(errors)
          .contains("Date and time: is required for the Date and Time schedule")
          .allSatisfy(
              e ->
                  assertThat(e)
                      .matches("^[A-Z][A-Za-z ]+: .+")
                      .doesNotContainPattern("\\b[a-z]+[A-Z][A-Za-z]*\\b"));

      // a zone Vigil does not know is named plainly
      d.executeScript(
          "var s = document.getElementById('timeZone'); var o = new Option('Mars/Base', 'Mars/Base');"
              + " s.add(o); s.value = 'Mars/Base';"
              + " document.getElementById('dateTime').value = '2031-01-15T10:00';");
      d.findElement(By.id("next")).click();
      await(d, "the zone error", x -> x.findElement(By.tagName("main")).getText().contains("Mars"));
      assertThat(d.findElement(By.tagName("main")).getText())
          .contains("Time zone: unknown time zone 'Mars/Base'");
      assertThat(d.findElement(By.id("dateTime")).isDisplayed()).isTrue();

      // 10:00 in Berlin (winter, +01:00) is 09:00 UTC
      new Select(d.findElement(By.id("timeZone"))).selectByValue("Europe/Berlin");

      // targets: search, label filter, select all shown, all in the page
      d.executeScript("window.vigilMarker = 'targets';");
      WebElement search = d.findElement(By.id("target-search"));
      search.sendKeys("web", Keys.ENTER);
      assertThat(shownTargets(d)).containsExactly("web-01", "web-02", "web-03");
      assertThat(d.findElements(By.id("step-details")))
          .as("Enter filtered, not submitted")
          .hasSize(1);
      search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
      new Select(d.findElement(By.id("target-label"))).selectByVisibleText("Database");
      assertThat(shownTargets(d)).containsExactly("db-01", "db-02");
      d.findElement(By.id("target-select-all")).click();
      assertThat(d.findElement(By.id("target-count")).getText())
          .isEqualTo("2 selected · 2 of 5 shown");
      new Select(d.findElement(By.id("target-label"))).selectByVisibleText("All labels");
      assertThat(shownTargets(d)).hasSize(5);
      assertThat(checkedTargets(d)).containsExactly("db-01", "db-02");
      assertThat(d.executeScript("return window.vigilMarker")).isEqualTo("targets");
      browser.screenshot("job-wizard-targets");

      // NEXT by keyboard, then COMPLETE by keyboard
      d.findElement(By.id("next")).sendKeys(Keys.ENTER);
      await(d, "the review", x -> !x.findElements(By.id("step-review")).isEmpty());
      String review = d.findElement(By.id("step-review")).getText();
      assertThat(review)
          .contains("Date and Time: 2031-01-15 10:00 Europe/Berlin (2031-01-15 09:00 UTC)")
          .contains("db-01, db-02");
      d.findElement(By.id("complete")).sendKeys(Keys.ENTER);
      await(d, "the job page", x -> x.getCurrentUrl().matches(".*/provisioning/jobs/\\d+$"));
    }
    JsonNode job = job(f.api(), "keyboard-job");
    assertThat(job.get("dateTime").asString()).isEqualTo("2031-01-15T09:00:00Z");
    assertThat(targetIds(job)).containsExactlyElementsOf(f.db());
  }

  @Test
  void withoutJavaScriptTheWizardWorksThroughUpdateChoices() throws Exception {
    Fleet f = fleet();
    String base = "http://127.0.0.1:" + port;
    try (Browser browser = Browser.startWithoutJavaScript()) {
      ChromeDriver d = browser.login(base, "admin", PW).driver();
      d.get(base + "/provisioning/jobs/new");
      d.findElement(By.id("name")).sendKeys("no-script-job");
      d.findElement(By.id("next")).click();
      await(d, "step 2", x -> !x.findElements(By.id("step-details")).isEmpty());
      assertThat(d.findElement(By.id("refresh-choices")).isDisplayed())
          .as("without JavaScript the button stays")
          .isTrue();
      assertThat(d.findElement(By.id("target-search")).isDisplayed()).isFalse();
      assertThat(d.findElement(By.id("dateTime")).isDisplayed()).isFalse();
      assertThat(options(d, "scanPath")).doesNotContain("nine-results-ds.xml");

      new Select(d.findElement(By.id("securityPackage"))).selectByVisibleText("nine");
      new Select(d.findElement(By.id("scheduleMode"))).selectByVisibleText("Date and Time");
      WebElement before = d.findElement(By.tagName("html"));
      d.findElement(By.id("refresh-choices")).click();
      await(d, "the re-rendered step", x -> stale(before));
      assertThat(options(d, "scanPath")).containsExactly("nine-results-ds.xml");
      assertThat(d.findElement(By.id("dateTime")).isDisplayed()).isTrue();
      new Select(d.findElement(By.id("scheduleMode"))).selectByVisibleText("Manual");
      d.findElement(
              By.xpath("//ul[@id='target-list']//label[span[normalize-space(.)='web-02']]/input"))
          .click();
      d.findElement(By.id("next")).click();
      await(d, "the review", x -> !x.findElements(By.id("step-review")).isEmpty());
      assertThat(d.findElement(By.id("step-review")).getText()).contains("Manual", "web-02");
      d.findElement(By.id("complete")).click();
      await(d, "the job page", x -> x.getCurrentUrl().matches(".*/provisioning/jobs/\\d+$"));
    }
    JsonNode job = job(f.api(), "no-script-job");
    assertThat(job.get("scheduleMode").asString()).isEqualTo("manual");
    assertThat(targetIds(job)).containsExactly(f.web().get(1));
  }

  private static JsonNode job(ApiClient api, String name) {
    JsonNode jobs = api.get("/api/jobs?name=" + name).json().get("jobs");
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private static List<Long> targetIds(JsonNode job) {
    List<Long> ids = new ArrayList<>();
    job.get("targets").forEach(t -> ids.add(t.get("refId").asLong()));
    return ids;
  }

  private static List<String> shownTargets(ChromeDriver d) {
    return d.findElements(By.cssSelector("#target-list li")).stream()
        .filter(WebElement::isDisplayed)
        .map(li -> li.findElement(By.cssSelector("span")).getText())
        .toList();
  }

  private static List<String> checkedTargets(ChromeDriver d) {
    return d.findElements(By.cssSelector("#target-list li")).stream()
        .filter(li -> li.findElement(By.tagName("input")).isSelected())
        .map(li -> li.findElement(By.cssSelector("span")).getText())
        .toList();
  }

  static List<String> options(ChromeDriver d, String id) {
    return new Select(d.findElement(By.id(id)))
        .getOptions().stream().map(o -> o.getAttribute("value")).toList();
  }

  private static boolean stale(WebElement e) {
    try {
      e.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
      return true;
    }
  }

  static void await(
      ChromeDriver d, String what, java.util.function.Function<ChromeDriver, Boolean> check) {
    new WebDriverWait(d, Duration.ofSeconds(30))
        .pollingEvery(Duration.ofMillis(100))
        .withMessage(what)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(x -> check.apply((ChromeDriver) x));
  }
}
