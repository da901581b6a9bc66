package dev.vigil.journey;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.SshdHarness;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The Security Operator's journey, in the pages' own places and words: a package, an execute
 * schedule, a credential and a server, a job made in the wizard, its execution, its scan. Each step
 * asserts what the user sees and leaves a screenshot.
 */
final class OperatorSteps {

  static final String PACKAGE = "nine-results";
  static final String SCHEDULE = "Nightly";
  static final String SERVER = "journey-target";
  static final String JOB = "journey-scan";
  static final String CHECKLIST = "nine-results-ds.xml";
  static final String PROFILE_CHOICE = "Nine results (" + NINE_PROFILE + ")";

  private final Clicks c;
  private final String packageUrl;
  private final SshdHarness sshd;

  OperatorSteps(Clicks c, String packageUrl, SshdHarness sshd) {
    this.c = c;
    this.packageUrl = packageUrl;
    this.sshd = sshd;
  }

  /** Provisioning → Jobs → Security Packages → +ADD → SCAP Package; waits for ready. */
  void addsThePackage() {
    c.nav("Provisioning", "Jobs").tab("Security Packages");
    assertThat(c.text("#package-list")).contains("No security packages");
    c.press("+ ADD").link("SCAP Package");
    c.type("name", PACKAGE).type("url", "no scheme here").press("SAVE CHANGES");
    assertThat(fieldError("url")).as("the error sits under the URL field").startsWith("URL ");
    assertThat(value("name")).as("what the user typed is kept").isEqualTo(PACKAGE);
    c.shot("operator-01-package-bad-url");
    c.type("url", packageUrl)
        .type("description", "The nine-results benchmark: one rule per XCCDF result")
        .shot("operator-02-package-form")
        .press("SAVE CHANGES");
    c.waitFor(".alert.info", "Security package " + PACKAGE + " saved", Duration.ofSeconds(5));
    // no reload: the detail refreshes itself while the package is pending or fetching
    c.waitFor("#package-status", "ready", Duration.ofSeconds(30));
    String detail = c.text("#package-detail");
    assertThat(detail).contains(CHECKLIST).contains("Nine results").contains(NINE_PROFILE);
    assertThat(detail).contains("Source datastream").contains(packageUrl);
    c.shot("operator-03-package-ready");
    c.tab("Security Packages");
    assertThat(row("#package-list", PACKAGE)).contains("SCAP Package").contains("ready");
  }

  /** Provisioning → Automation → Execute Schedules → +ADD; a bad cron first, then its fires. */
  void addsAnExecuteSchedule() {
    c.nav("Provisioning", "Automation").tab("Execute Schedules").press("+ ADD");
    c.type("name", SCHEDULE).type("cron", "0 25 * * *").type("scheduleTimezone", "UTC");
    c.press("SAVE CHANGES");
    assertThat(c.text("#cron-error")).isNotBlank();
    assertThat(value("cron")).isEqualTo("0 25 * * *");
    assertThat(value("name")).isEqualTo(SCHEDULE);
    c.shot("operator-04-schedule-bad-cron");
    c.type("cron", "0 2 * * *").press("SAVE CHANGES");
    c.waitFor("main h1", SCHEDULE, Duration.ofSeconds(5));
    List<WebElement> fires = c.driver().findElements(By.cssSelector("#next-fires tbody tr"));
    assertThat(fires).hasSizeGreaterThanOrEqualTo(3);
    fires.forEach(f -> assertThat(f.getText()).contains("02:00 UTC"));
    c.shot("operator-05-schedule-next-fires");
    c.tab("Execute Schedules");
    assertThat(row("#schedule-list", SCHEDULE)).contains("0 2 * * *").contains("UTC");
  }

  /** Infrastructure → Credentials → +ADD, then Hosts → +ADD over SSH, then Test connection. */
  void addsACredentialAndAServer() {
    c.nav("Infrastructure", "Hosts").tab("Credentials").press("+ ADD");
    c.type("name", "journey-key")
        .choose("type", "User and SSH private key")
        .type("username", "root");
    c.paste("privateKey", sshd.userKey()).press("SAVE CHANGES");
    assertThat(row("#credential-list", "journey-key")).contains("root").contains("SHA256:");
    c.tab("Hosts").press("+ ADD");
    c.type("name", SERVER).choose("connectionType", "SSH");
    c.type("sshHost", sshd.host()).type("sshPort", String.valueOf(sshd.port()));
    c.choose("credentialId", "journey-key (root)").choose("privilegeMode", "root");
    c.shot("operator-06-server-form").press("SAVE CHANGES");
    c.waitFor(".alert.info", "Server " + SERVER + " saved.", Duration.ofSeconds(5));
    c.press("Test connection");
    c.waitFor("#connection-result h2", "Connection OK", Duration.ofSeconds(60));
    assertThat(c.text("#connection-result")).contains("Authenticated\nyes").contains("oscap");
    c.shot("operator-07-server-connection-ok");
    c.tab("Hosts");
    assertThat(row("#server-list", SERVER))
        .contains(sshd.host() + ":" + sshd.port())
        .contains("ok");
  }

  /** Jobs → +ADD → type + name → NEXT → details → NEXT → review → COMPLETE; MORE → Execute. */
  void createsTheJobInTheWizardAndExecutesIt() {
    c.nav("Provisioning", "Jobs").tab("Jobs").press("+ ADD");
    assertThat(c.text(".wizard-steps [aria-current=step]")).isEqualTo("1. Type");
    c.choose("type", "Security Scan Job").type("name", JOB).press("NEXT");
    assertThat(c.text(".wizard-steps [aria-current=step]")).isEqualTo("2. Details");
    assertThat(c.text("#step-details")).contains("Security Scan Job · " + JOB);
    c.chooseAndUpdate("securityPackage", PACKAGE);
    assertThat(c.options("scanPath")).containsExactly(CHECKLIST);
    assertThat(c.options("securityProfile")).containsExactly(PROFILE_CHOICE);
    c.choose("securityProfile", PROFILE_CHOICE);
    assertThat(c.options("scheduleMode")).contains("Manual", SCHEDULE);
    c.choose("scheduleMode", "Manual");
    assertThat(c.options("targetType")).containsExactlyInAnyOrder("Instance", "Server");
    assertThat(c.selected("targetType")).isEqualTo("Server");
    c.driver()
        .findElement(
            By.xpath("//fieldset[@id='targets']//label[normalize-space(.)='" + SERVER + "']"))
        .click();
    c.shot("operator-08-job-details").press("NEXT");
    assertThat(c.text(".wizard-steps [aria-current=step]")).isEqualTo("3. Review");
    String review = c.text("#step-review");
    assertThat(review)
        .contains("Security Scan Job")
        .contains(JOB)
        .contains(PACKAGE)
        .contains(CHECKLIST)
        .contains(NINE_PROFILE)
        .contains("Manual")
        .contains("Server")
        .contains(SERVER);
    c.shot("operator-09-job-review").press("COMPLETE");
    c.waitFor(".alert.info", "Job " + JOB + " saved.", Duration.ofSeconds(5));
    assertThat(c.text("main h1")).isEqualTo(JOB);
    c.press("MORE").press("Execute");
    c.waitFor(".alert.info", "Job queued for execution.", Duration.ofSeconds(5));
  }

  /** Job Executions → (i) → complete, the server done with its scan → the scan's report. */
  void followsTheExecutionToItsScan(ApiClient admin) {
    c.tab("Job Executions");
    assertThat(row("#execution-list", JOB)).contains("manual");
    c.shot("operator-10-executions").link("(i)");
    // no reload: the detail refreshes itself while the execution is queued or running
    c.waitFor("#execution-status", "complete", Duration.ofSeconds(120));
    assertThat(c.driver().findElements(By.id("cancel-execution")))
        .as("Cancel goes with the refresh once the execution ended, no reload")
        .isEmpty();
    String run = row("#target-runs", SERVER);
    assertThat(run).contains("done");
    assertThat(c.text("#execution-detail")).contains("1 done, 0 failed of 1");
    WebElement scanLink =
        c.driver().findElement(By.xpath("//table[@id='target-runs']//a[starts-with(., 'scan ')]"));
    long scanId = Long.parseLong(scanLink.getText().substring("scan ".length()));
    c.shot("operator-11-execution-complete");
    JsonNode scan = admin.get("/api/security-scans/" + scanId).json().get("securityScan");
    assertThat(scan.get("server").get("name").asString()).isEqualTo(SERVER);
    assertThat(scan.get("failCount").asInt()).isPositive();
    c.link(scanLink.getText());
    assertThat(c.driver().getCurrentUrl()).endsWith("/security/" + scanId);
    assertThat(c.text("main h1")).isEqualTo("Security scan " + scanId + " of " + SERVER);
    assertThat(c.text("#scan-counts"))
        .startsWith(
            scan.get("passCount").asInt() + " pass, " + scan.get("failCount").asInt() + " fail");
    assertThat(ruleResult("Always fails")).isEqualTo("fail");
    assertThat(ruleResult("Always errs")).isEqualTo("error");
    assertThat(ruleResult("Passes on every Unix (OVAL)")).isEqualTo("pass");
    c.shot("operator-12-scan-report");

    c.nav("Infrastructure", "Hosts").link(SERVER);
    assertThat(c.text("main h1")).isEqualTo(SERVER);
    c.shot("operator-13-host");
    c.link("Software › Security");
    assertThat(c.driver().findElement(By.id("server-compliance")).getDomAttribute("data-status"))
        .isEqualTo("non_compliant");
    String history = row("#scan-history", JOB);
    assertThat(history).contains(Long.toString(scan.get("failCount").asInt()));
    assertThat(c.driver().findElements(By.cssSelector("#scan-trend svg"))).hasSize(1);
    c.shot("operator-14-security-tab");
    c.driver()
        .findElement(By.cssSelector("#scan-history a[aria-label='Report of scan " + scanId + "']"))
        .click();
    c.waitFor("main h1", "Security scan " + scanId + " of " + SERVER, Duration.ofSeconds(10));
    assertThat(c.text("#changes-since-previous"))
        .contains("This is the first scan of this server with this profile.");
  }

  private String fieldError(String id) {
    return c.driver()
        .findElement(By.xpath("//*[@id='" + id + "']/following-sibling::p[1]"))
        .getText();
  }

  /** The result shown in the report's rule table for the rule titled {@code title}. */
  private String ruleResult(String title) {
    return c.driver()
        .findElement(
            By.xpath(
                "//table[@id='rules']//tr[.//span[@class='rule-title' and .='"
                    + title
                    + "']]//span[contains(@class,'status')]"))
        .getText();
  }

  private String value(String id) {
    return c.driver().findElement(By.id(id)).getAttribute("value");
  }

  /** The text of the row of the table in {@code css} that names {@code name}. */
  private String row(String css, String name) {
    return c.driver().findElements(By.cssSelector(css + " tbody tr")).stream()
        .map(WebElement::getText)
        .filter(t -> t.contains(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row naming " + name + " in " + css));
  }
}
