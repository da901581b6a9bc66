package dev.vigil.journey;

import static dev.vigil.journey.OperatorSteps.JOB;
import static dev.vigil.journey.OperatorSteps.PACKAGE;
import static dev.vigil.journey.OperatorSteps.SCHEDULE;
import static dev.vigil.journey.OperatorSteps.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;

/**
 * The Auditor's journey ("Security: Scanning" and "Infrastructure" Read): every page of the
 * operator's journey shows its content, none shows an add, edit, delete, test or execute control,
 * and POSTs forged in the page with its own CSRF token are refused.
 */
final class AuditorSteps {

  /** Every control that changes something, by id, on the pages the auditor visits. */
  private static final List<String> CONTROLS =
      List.of(
          "add-package",
          "add-scap-package",
          "edit-package",
          "refresh-package",
          "delete-package",
          "add-job",
          "edit-job",
          "enable-job",
          "disable-job",
          "delete-job",
          "more-menu",
          "execute-job",
          "cancel-execution",
          "rerun-execution",
          "add-schedule",
          "edit-schedule",
          "delete-schedule",
          "add-server",
          "test-connection",
          "edit-server",
          "delete-server",
          "accept-host-key");

  private final Clicks c;

  AuditorSteps(Clicks c) {
    this.c = c;
  }

  void seesPackagesWithoutControls() {
    c.nav("Provisioning", "Jobs").tab("Security Packages");
    c.tabShowsFocus();
    assertThat(c.text("#package-list")).contains(PACKAGE).contains("ready");
    noControls("no +ADD on the packages");
    c.shot("auditor-01-packages").link(PACKAGE);
    assertThat(c.text("#package-detail"))
        .contains(OperatorSteps.CHECKLIST)
        .contains("Nine results");
    noControls("no Edit, Refresh or Delete on a package");
  }

  void seesJobsWithoutControls() {
    c.tab("Jobs");
    assertThat(c.text("#job-list")).contains(JOB).contains("Security Scan Job");
    noControls("no +ADD on the jobs");
    c.link(JOB);
    assertThat(c.text("main h1")).isEqualTo(JOB);
    assertThat(c.text("main .facts")).contains(PACKAGE).contains(SERVER);
    noControls("no Edit, Disable, Delete or Execute on a job");
    c.shot("auditor-02-job-without-controls");
    c.link("Job Executions of this job");
    assertThat(c.text("#execution-list")).contains(JOB).contains("1 done, 0 failed of 1");
  }

  void seesExecutionsWithoutControls() {
    c.tab("Job Executions");
    assertThat(c.text("#execution-list")).contains(JOB).contains("complete");
    c.link("(i)");
    assertThat(c.text("#target-runs")).contains(SERVER).contains("done").contains("scan ");
    noControls("no Cancel or Re-run on an execution");
    c.shot("auditor-03-execution");
  }

  void seesSchedulesWithoutControls() {
    c.nav("Provisioning", "Automation");
    assertThat(c.text("#schedule-list")).contains(SCHEDULE).contains("0 2 * * *");
    noControls("no +ADD on the schedules");
    c.link(SCHEDULE);
    assertThat(c.driver().findElements(By.cssSelector("#next-fires tbody tr")))
        .hasSizeGreaterThanOrEqualTo(3);
    noControls("no Edit or Delete on a schedule");
  }

  void seesHostsWithoutControls() {
    c.nav("Infrastructure", "Hosts");
    assertThat(c.text("#server-list")).contains(SERVER).contains("ok");
    noControls("no +ADD on the hosts");
    c.link(SERVER);
    assertThat(c.text("#last-test")).contains("OK");
    noControls("no Test connection, Edit or Delete on a host");
    c.shot("auditor-04-host-without-controls");
  }

  /** A form built in the job's page, with the page's CSRF token, posting Execute: 403 page. */
  void isRefusedAForgedExecute(long jobId) {
    c.nav("Provisioning", "Jobs").link(JOB);
    c.driver()
        .executeScript(
            "var f = document.createElement('form');"
                + "f.method = 'post'; f.action = '/provisioning/jobs/' + arguments[0] + '/execute';"
                + "var t = document.createElement('input'); t.type = 'hidden'; t.name = '_csrf';"
                + "t.value = document.querySelector('meta[name=_csrf]').content;"
                + "f.appendChild(t); document.body.appendChild(f); f.submit();",
            jobId);
    c.waitFor("main h1", "Not allowed", Duration.ofSeconds(10));
    assertThat(c.text("main .alert.error")).contains("You do not have permission");
    c.shot("auditor-05-forged-execute-refused");
  }

  /** A {@code fetch} POST creating a package, with the CSRF header the page carries: 403. */
  void isRefusedAForgedPackageCreate() {
    c.nav("Provisioning", "Jobs").tab("Security Packages");
    Object status =
        c.driver()
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var h = {'Content-Type': 'application/x-www-form-urlencoded'};"
                    + "h[document.querySelector('meta[name=_csrf_header]').content] ="
                    + " document.querySelector('meta[name=_csrf]').content;"
                    + "fetch('/provisioning/jobs/security-packages', {method: 'POST', headers: h,"
                    + " body: 'name=forged&url=http%3A%2F%2F127.0.0.1%2Fx.xml&enabled=true',"
                    + " redirect: 'manual'}).then(function (r) { done(r.status); },"
                    + " function (e) { done(String(e)); });");
    assertThat(status).isEqualTo(403L);
    c.driver().navigate().refresh();
    assertThat(c.text("#package-list")).doesNotContain("forged");
  }

  private void noControls(String what) {
    c.fitsTheWindow().timesLocalWithUtcOnHover();
    for (String id : CONTROLS) {
      assertThat(c.driver().findElements(By.id(id))).as(what + ": #" + id).isEmpty();
    }
    assertThat(c.driver().findElements(By.xpath("//main//*[normalize-space(.)='+ ADD']")))
        .as(what)
        .isEmpty();
  }
}
