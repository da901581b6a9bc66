package dev.vigil.compliance;

import static dev.vigil.compliance.ComplianceContent.ERRING;
import static dev.vigil.compliance.ComplianceContent.NA;
import static dev.vigil.compliance.ComplianceContent.PASS;
import static dev.vigil.compliance.ComplianceContent.TOGGLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Compliance from real scans: jobs executed through the API over a loopback sshd and local servers,
 * scanned by the real oscap with content whose profiles pass, fail on demand, do not apply or err;
 * the clock moved by hand to make scans stale.
 */
abstract class ComplianceFlow extends ComplianceSystemBase {

  @Test
  void aServerGoesFromNeverScannedToCompliantNonCompliantStaleAndError() throws Exception {
    long pkg = fleet.readyPackage("comp-toggle");
    long server = fleet.sshServer("comp-ssh");
    long job = fleet.job("comp-toggle-job", pkg, List.of(server), TOGGLE, "manual");

    JsonNode before = fleet.compliance(server);
    assertThat(before.get("server").get("name").asString()).isEqualTo("comp-ssh");
    assertThat(before.get("status").asString()).isEqualTo("never_scanned");
    JsonNode unscanned = fleet.profile(server, TOGGLE);
    assertThat(unscanned.get("status").asString()).isEqualTo("never_scanned");
    assertThat(unscanned.get("job").get("id").asLong()).isEqualTo(job);
    assertThat(unscanned.get("lastScan").isNull()).isTrue();
    assertThat(unscanned.get("benchmarkId").asString()).isEqualTo(ComplianceContent.BENCHMARK);
    assertThat(unscanned.get("benchmarkTitle").asString())
        .isEqualTo(ComplianceContent.BENCHMARK_TITLE);
    assertThat(unscanned.get("profileTitle").asString()).isEqualTo("Profile toggle");

    Files.deleteIfExists(marker);
    assertThat(fleet.run(job)).isEqualTo("complete");
    JsonNode compliant = fleet.profile(server, TOGGLE);
    assertThat(compliant.get("status").asString()).isEqualTo("compliant");
    assertThat(compliant.get("lastScan").get("failCount").asInt()).isZero();
    assertThat(compliant.get("lastScan").get("passCount").asInt()).isEqualTo(2);
    assertThat(compliant.get("benchmarkId").asString())
        .isEqualTo("xccdf_dev.vigil_benchmark_compliance");
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("compliant");
    assertThat(fleet.compliance(server).get("profiles"))
        .as("the job's pair and its scan's pair are one")
        .hasSize(1);
    assertThat(compliant.get("profileTitle").asString()).isEqualTo("Profile toggle");

    Files.createFile(marker);
    try {
      assertThat(fleet.run(job)).isEqualTo("complete");
    } finally {
      Files.deleteIfExists(marker);
    }
    JsonNode failing = fleet.profile(server, TOGGLE);
    assertThat(failing.get("status").asString()).isEqualTo("non_compliant");
    assertThat(failing.get("lastScan").get("failCount").asInt()).isOne();
    assertThat(failing.get("lastScan").get("id").asLong())
        .isNotEqualTo(compliant.get("lastScan").get("id").asLong());
    assertThat(failing.get("staleAfter").asLong()).isEqualTo(Duration.ofDays(7).toSeconds());

    clock.advance(Duration.ofDays(7).plusMinutes(5));
    assertThat(fleet.profile(server, TOGGLE).get("status").asString())
        .as("a stale failure stays non-compliant")
        .isEqualTo("non_compliant");

    assertThat(fleet.run(job)).isEqualTo("complete");
    JsonNode passing = fleet.profile(server, TOGGLE);
    assertThat(passing.get("status").asString()).isEqualTo("compliant");
    clock.advance(Duration.ofDays(7).minusMinutes(5));
    assertThat(fleet.profile(server, TOGGLE).get("status").asString()).isEqualTo("compliant");
    clock.advance(Duration.ofMinutes(10));
    assertThat(fleet.profile(server, TOGGLE).get("status").asString()).isEqualTo("stale");
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("stale");

    ApiClient.Response closed = api.put("/api/servers/" + server, "{\"server\":{\"sshPort\":1}}");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(fleet.run(job)).isEqualTo("failed");
    JsonNode error = fleet.profile(server, TOGGLE);
    assertThat(error.get("status").asString()).isEqualTo("error");
    assertThat(error.get("lastFailure").isNull()).isFalse();
    assertThat(error.get("lastScan").get("id").asLong())
        .isEqualTo(passing.get("lastScan").get("id").asLong());
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("error");

    String tab = page("/infrastructure/servers/" + server + "/security");
    assertThat(attr(tab, "id=\"server-compliance\"", "data-status")).isEqualTo("error");
    assertThat(tab).contains("data-profile=\"" + TOGGLE + "\"");
    assertThat(rows(tab, "data-scan")).hasSize(3);
    assertThat(tab)
        .contains(
            "/infrastructure/servers/"
                + server
                + "/security/"
                + failing.get("lastScan").get("id").asLong());
    assertThat(tab).contains("<svg class=\"chart\"").contains("<path class=\"line score\"");

    String hosts = Pages.html(mvc, "/infrastructure/hosts?phrase=comp-ssh", "comp-ops");
    assertThat(hosts).contains("id=\"compliance-counts\"");
    assertThat(hostStatus(hosts, server)).isEqualTo("error");
  }

  /**
   * A failed run is keyed by the benchmark and profile its execution pinned: editing the job's
   * profile afterwards leaves the failure on the old pair and the new pair never scanned.
   */
  @Test
  void aFailedRunStaysOnThePairItsExecutionPinnedAfterTheJobsProfileIsEdited() {
    long pkg = fleet.readyPackage("comp-pinned");
    long server = fleet.sshServer("comp-pinned-ssh");
    ApiClient.Response closed = api.put("/api/servers/" + server, "{\"server\":{\"sshPort\":1}}");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    long job = fleet.job("comp-pinned-job", pkg, List.of(server), TOGGLE, "manual");
    assertThat(fleet.run(job)).isEqualTo("failed");

    ApiClient.Response edited =
        api.put(
            "/api/jobs/" + job, "{\"job\":{\"securityProfile\":" + ApiClient.quote(PASS) + "}}");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);

    JsonNode failed = fleet.profile(server, TOGGLE);
    assertThat(failed.get("status").asString()).isEqualTo("error");
    assertThat(failed.get("lastFailure").isNull()).isFalse();
    assertThat(failed.get("benchmarkId").asString()).isEqualTo(ComplianceContent.BENCHMARK);
    assertThat(failed.get("benchmarkTitle").asString())
        .isEqualTo(ComplianceContent.BENCHMARK_TITLE);
    assertThat(failed.get("profileTitle").asString()).isEqualTo("Profile toggle");
    JsonNode now = fleet.profile(server, PASS);
    assertThat(now.get("status").asString()).isEqualTo("never_scanned");
    assertThat(now.get("lastFailure").isNull()).isTrue();
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("error");
  }

  @Test
  void rulesThatDoNotApplyMakeNotApplicableAndErrorResultsAnErrorWhichIsTheServersWorst() {
    long pkg = fleet.readyPackage("comp-na");
    long server = fleet.localServer("comp-na-local");
    long na = fleet.job("comp-na-job", pkg, List.of(server), NA, "manual");
    assertThat(fleet.run(na)).isEqualTo("complete");
    assertThat(fleet.profile(server, NA).get("status").asString()).isEqualTo("not_applicable");
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("not_applicable");

    long erring = fleet.job("comp-erring-job", pkg, List.of(server), ERRING, "manual");
    assertThat(fleet.profile(server, ERRING).get("status").asString()).isEqualTo("never_scanned");
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("never_scanned");
    assertThat(fleet.run(erring)).isEqualTo("complete");
    JsonNode err = fleet.profile(server, ERRING);
    assertThat(err.get("status").asString()).isEqualTo("error");
    assertThat(err.get("lastScan").get("errorCount").asInt()).isOne();
    assertThat(err.get("lastFailure").isNull()).isTrue();
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("error");
    assertThat(fleet.compliance(server).get("profiles")).hasSize(2);
  }

  @Test
  void aScheduledJobsScanIsStaleAfterTheScheduleIntervalPlusTheGrace() {
    long pkg = fleet.readyPackage("comp-hourly");
    long server = fleet.localServer("comp-hourly-local");
    long schedule = fleet.schedule("comp-hourly", "0 * * * *", false);
    long job = fleet.job("comp-hourly-job", pkg, List.of(server), PASS, String.valueOf(schedule));
    assertThat(fleet.run(job)).isEqualTo("complete");
    JsonNode fresh = fleet.profile(server, PASS);
    assertThat(fresh.get("status").asString()).isEqualTo("compliant");
    assertThat(fresh.get("staleAfter").asLong()).isEqualTo(Duration.ofHours(2).toSeconds());
    clock.advance(Duration.ofMinutes(115));
    assertThat(fleet.profile(server, PASS).get("status").asString()).isEqualTo("compliant");
    clock.advance(Duration.ofMinutes(10));
    assertThat(fleet.profile(server, PASS).get("status").asString()).isEqualTo("stale");
  }

  @Test
  void theDashboardCountsEachJobsTargetsAndTheFleetByDay() throws Exception {
    long pkg = fleet.readyPackage("comp-dash");
    long one = fleet.localServer("comp-dash-1");
    long two = fleet.localServer("comp-dash-2");
    long job = fleet.job("comp-dash-job", pkg, List.of(one, two), PASS, "manual");
    assertThat(fleet.run(job)).isEqualTo("complete");
    long later = fleet.localServer("comp-dash-3");
    fleet.retarget(job, List.of(one, two, later));

    JsonNode summary = api.get("/api/compliance/summary").json().get("compliance");
    JsonNode mine = null;
    for (JsonNode j : summary.get("jobs")) {
      if (j.get("id").asLong() == job) {
        mine = j;
      }
    }
    assertThat(mine).as(summary.toString()).isNotNull();
    assertThat(mine.get("targets").asInt()).isEqualTo(3);
    assertThat(mine.get("counts").get("compliant").asInt()).isEqualTo(2);
    assertThat(mine.get("counts").get("never_scanned").asInt()).isOne();
    assertThat(mine.get("counts").get("error").asInt()).isZero();
    JsonNode servers = summary.get("servers");
    long total = 0;
    for (JsonNode n : servers) {
      total += n.asLong();
    }
    assertThat(total)
        .isEqualTo(api.get("/api/servers?max=1").json().get("meta").get("total").asLong());
    assertThat(servers.get("never_scanned").asLong()).isPositive();
    JsonNode days = summary.get("days");
    assertThat(days).hasSize(30);
    JsonNode today = days.get(29);
    assertThat(today.get("date").asString())
        .isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
    assertThat(today.get("scanned").asInt()).isGreaterThanOrEqualTo(2);

    String dash = page("/dashboard");
    assertThat(jobCount(dash, job, "compliant")).isEqualTo(2);
    assertThat(jobCount(dash, job, "never_scanned")).isEqualTo(1);
    assertThat(jobCount(dash, job, "non_compliant")).isZero();
    assertThat(dash).contains("id=\"fleet-trend\"").contains("<rect class=\"bar compliant\"");
    String hosts = Pages.html(mvc, "/infrastructure/hosts?phrase=comp-dash", "comp-ops");
    assertThat(hostStatus(hosts, one)).isEqualTo("compliant");
    assertThat(hostStatus(hosts, later)).isEqualTo("never_scanned");
    Matcher counted =
        Pattern.compile(
                "<li data-status=\"never_scanned\">.*?<strong class=\"count\">(\\d+)</strong>",
                Pattern.DOTALL)
            .matcher(hosts);
    assertThat(counted.find()).as(hosts).isTrue();
    assertThat(Long.parseLong(counted.group(1))).isEqualTo(servers.get("never_scanned").asLong());
  }

  @Test
  void unknownServersAre404AndUsersWithoutScanningAccessAre403() throws Exception {
    ApiClient.Response missing = api.get("/api/servers/999999/compliance");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("msg").asString()).contains("Server not found");
    assertThat(api.get("/api/servers/abc/compliance").status()).isEqualTo(400);
    assertThat(
            mvc.perform(
                    get("/infrastructure/servers/1/security?page=abc").with(user("comp-auditor")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(400);
    assertThat(
            mvc.perform(get("/infrastructure/servers/999999/security").with(user("comp-auditor")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);

    long server = fleet.localServer("comp-none-target");
    ApiClient nobody = new ApiClient(port).login("comp-nobody", "comp-nobody-pw-1");
    assertThat(nobody.get("/api/servers/" + server + "/compliance").status()).isEqualTo(403);
    assertThat(nobody.get("/api/compliance/summary").status()).isEqualTo(403);
    for (String path : List.of("/dashboard", "/infrastructure/servers/" + server + "/security")) {
      assertThat(
              mvc.perform(get(path).with(user("comp-nobody")))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .as(path)
          .isEqualTo(403);
    }
    String auditorTab = page("/infrastructure/servers/" + server + "/security");
    assertThat(auditorTab).contains("Never scanned").doesNotContain("id=\"tab-summary\"");
    String opsTab = Pages.html(mvc, "/infrastructure/servers/" + server + "/security", "comp-ops");
    assertThat(opsTab).contains("id=\"tab-summary\"").contains("id=\"tab-security\"");
  }

  @Test
  void aServerWithAThousandScansShowsItsSecurityTabAPageAtATimeAndQuickly() throws Exception {
    long pkg = fleet.readyPackage("comp-many");
    long server = fleet.localServer("comp-many-local");
    long job = fleet.job("comp-many-job", pkg, List.of(server), PASS, "manual");
    assertThat(fleet.run(job)).isEqualTo("complete");
    long real = fleet.profile(server, PASS).get("lastScan").get("id").asLong();
    Instant newest = ScanCopies.before(jdbc, real, 999);
    JsonNode latest = fleet.profile(server, PASS);
    assertThat(latest.get("lastScan").get("scanDate").asString()).isEqualTo(newest.toString());
    assertThat(latest.get("status").asString()).isEqualTo("compliant");

    String first = page("/infrastructure/servers/" + server + "/security");
    assertThat(rows(first, "data-scan")).hasSize(50).startsWith(String.valueOf(real));
    assertThat(first).contains("Page 1 of 20 (1000 scans)");
    Matcher scorePath =
        Pattern.compile("<path class=\"line score\"[^>]* d=\"([^\"]*)\"").matcher(first);
    assertThat(scorePath.find()).as(first).isTrue();
    assertThat(scorePath.group(1).split(" L")).hasSize(50);
    String last = page("/infrastructure/servers/" + server + "/security?page=19");
    assertThat(rows(last, "data-scan")).hasSize(50).doesNotContain(String.valueOf(real));
    for (String past : List.of("20", "2147483647")) {
      assertThat(
              rows(
                  page("/infrastructure/servers/" + server + "/security?page=" + past),
                  "data-scan"))
          .as("a page past the last shows the last")
          .isEqualTo(rows(last, "data-scan"));
    }

    String tab = "/infrastructure/servers/" + server + "/security?page=";
    long[] security = timings(i -> tab + (i % 3));
    long[] baseline = timings(i -> "/infrastructure/hosts/" + server);
    long p95 = security[(int) Math.ceil(security.length * 0.95) - 1];
    System.out.printf(
        "%s: Security tab with 1000 scans: median %d ms, p95 %d ms; the host's Summary page"
            + " alongside (baseline): median %d ms, p95 %d ms (MockMvc, interleaved)%n",
        getClass().getSimpleName(),
        security[security.length / 2],
        p95,
        baseline[baseline.length / 2],
        baseline[(int) Math.ceil(baseline.length * 0.95) - 1]);
    // printed for the reader, not asserted: speed is measured by bench/fleet-views-bench.sh (a
    // wall-clock limit here failed on a loaded machine and proved nothing about a regression)
  }

  /** Milliseconds of 40 GETs (after 10 warm-up ones) as the Security Operator, sorted. */
  private long[] timings(java.util.function.IntFunction<String> path) throws Exception {
    long[] ms = new long[40];
    for (int i = 0; i < ms.length + 10; i++) {
      long t0 = System.nanoTime();
      Pages.html(mvc, path.apply(i), "comp-ops");
      if (i >= 10) {
        ms[i - 10] = (System.nanoTime() - t0) / 1_000_000;
      }
    }
    java.util.Arrays.sort(ms);
    return ms;
  }
}
