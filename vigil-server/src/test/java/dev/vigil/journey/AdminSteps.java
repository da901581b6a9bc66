package dev.vigil.journey;

import static dev.vigil.journey.SecurityJourneyBrowserSystemTest.ADMIN_PW;
import static dev.vigil.journey.SecurityJourneyBrowserSystemTest.AUDITOR;
import static dev.vigil.journey.SecurityJourneyBrowserSystemTest.AUDITOR_PW;
import static dev.vigil.journey.SecurityJourneyBrowserSystemTest.OPERATOR;
import static dev.vigil.journey.SecurityJourneyBrowserSystemTest.OPERATOR_PW;
import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;

/**
 * The administrator's part: Administration → Roles → Add role twice (a scanning operator with
 * "Security: Scanning" Full, an auditor with Read), then Administration → Users → Add user for
 * each, all in the pages.
 */
final class AdminSteps {

  static final String OPERATOR_ROLE = "Scan Operator";
  static final String AUDITOR_ROLE = "Scan Auditor";

  private final Clicks c;

  AdminSteps(Clicks c) {
    this.c = c;
  }

  void makeOperatorAndAuditor() {
    c.login("admin", ADMIN_PW);
    role(OPERATOR_ROLE, "Runs security scans and adds servers", "Full", "Full");
    role(AUDITOR_ROLE, "Reads scans, jobs and hosts", "Read", "Read");
    c.shot("admin-01-roles");
    assertThat(c.text("main table")).contains(OPERATOR_ROLE).contains(AUDITOR_ROLE);
    user(OPERATOR, "Olivia Operator", OPERATOR_PW, OPERATOR_ROLE);
    user(AUDITOR, "Arthur Auditor", AUDITOR_PW, AUDITOR_ROLE);
    c.shot("admin-02-users");
    c.logout();
  }

  private void role(String name, String description, String scanning, String infrastructure) {
    c.nav("Administration", "Roles");
    c.press("Add role");
    c.type("name", name).type("description", description);
    assertThat(
            c.driver().findElement(By.cssSelector("label[for=perm-security-scanning]")).getText())
        .isEqualTo("Security: Scanning");
    c.choose("perm-security-scanning", scanning).choose("perm-infrastructure", infrastructure);
    c.press("Save");
    c.waitFor(".alert.info", "Role " + name + " created", java.time.Duration.ofSeconds(5));
  }

  private void user(String username, String displayName, String password, String role) {
    c.nav("Administration", "Users");
    c.press("Add user");
    c.type("username", username).type("displayName", displayName).type("password", password);
    c.driver()
        .findElement(
            By.xpath("//fieldset[legend='Roles']//label[normalize-space(.)='" + role + "']/input"))
        .click();
    c.press("Save");
    assertThat(c.text("main table")).contains(username).contains(role);
  }
}
