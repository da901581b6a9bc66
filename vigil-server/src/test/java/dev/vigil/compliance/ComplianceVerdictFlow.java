package dev.vigil.compliance;

import static dev.vigil.compliance.ComplianceContent.BENCHMARK;
import static dev.vigil.compliance.ComplianceContent.BENCHMARK_TITLE;
import static dev.vigil.compliance.ComplianceContent.NA;
import static dev.vigil.compliance.ComplianceContent.NOTCHECKED;
import static dev.vigil.compliance.ComplianceContent.PASS;
import static dev.vigil.compliance.ComplianceContent.UNKNOWN;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * The verdicts that used to overstate oscap, each from real scans and each checked in the API, the
 * server's Security tab, the Hosts list and the dashboard: unknown results, a scan that checked
 * nothing, a server whose only scan applies nothing, and one server scanned with two benchmarks
 * whose profiles share an id.
 */
abstract class ComplianceVerdictFlow extends ComplianceSystemBase {

  static final Path SSG_UBUNTU2204 =
      Path.of("/usr/share/xml/scap/ssg/content/ssg-ubuntu2204-ds.xml");
  static final String DEBIAN11 = "xccdf_org.ssgproject.content_benchmark_DEBIAN-11";
  static final String UBUNTU2204 = "xccdf_org.ssgproject.content_benchmark_UBUNTU_22-04";

  @Test
  void unknownResultsAreAnErrorAndAScanThatCheckedNothingIsNotCheckedNeitherCompliant()
      throws Exception {
    long pkg = fleet.readyPackage("verdict-content");
    long unknownServer = fleet.localServer("verdict-unknown");
    long uncheckedServer = fleet.localServer("verdict-notchecked");
    long unknownJob =
        fleet.job("verdict-unknown-job", pkg, List.of(unknownServer), UNKNOWN, "manual");
    long uncheckedJob =
        fleet.job("verdict-notchecked-job", pkg, List.of(uncheckedServer), NOTCHECKED, "manual");
    FleetView before = fleetView();

    assertThat(fleet.run(unknownJob)).isEqualTo("complete");
    assertThat(fleet.run(uncheckedJob)).isEqualTo("complete");

    JsonNode unknown = fleet.profile(unknownServer, UNKNOWN);
    assertThat(unknown.get("status").asString()).isEqualTo("error");
    JsonNode unknownScan = unknown.get("lastScan");
    assertThat(unknownScan.get("passCount").asInt()).isOne();
    assertThat(unknownScan.get("unknownCount").asInt()).isOne();
    assertThat(unknownScan.get("failCount").asInt()).isZero();
    assertThat(unknownScan.get("errorCount").asInt()).isZero();
    assertThat(unknownScan.get("score").asDouble()).isEqualTo(50.0);
    assertThat(unknown.get("benchmarkId").asString()).isEqualTo(BENCHMARK);
    assertThat(unknown.get("benchmarkTitle").asString()).isEqualTo(BENCHMARK_TITLE);
    assertThat(unknown.get("profileTitle").asString()).isEqualTo("Profile unknown");
    assertThat(fleet.compliance(unknownServer).get("status").asString()).isEqualTo("error");

    JsonNode unchecked = fleet.profile(uncheckedServer, NOTCHECKED);
    assertThat(unchecked.get("status").asString()).isEqualTo("not_checked");
    JsonNode uncheckedScan = unchecked.get("lastScan");
    assertThat(uncheckedScan.get("notcheckedCount").asInt()).isOne();
    assertThat(uncheckedScan.get("passCount").asInt()).isZero();
    assertThat(uncheckedScan.get("failCount").asInt()).isZero();
    assertThat(fleet.compliance(uncheckedServer).get("status").asString()).isEqualTo("not_checked");

    String unknownTab = page("/infrastructure/servers/" + unknownServer + "/security");
    assertThat(attr(unknownTab, "id=\"server-compliance\"", "data-status")).isEqualTo("error");
    assertThat(pairStatus(unknownTab, BENCHMARK, UNKNOWN)).isEqualTo("error");
    assertThat(unknownTab)
        .contains("title=\"" + UNKNOWN + "\">Profile unknown</span>")
        .contains("title=\"" + BENCHMARK + "\">" + BENCHMARK_TITLE + "</div>");
    Matcher history =
        Pattern.compile("<tr data-scan=\"\\d+\">(.*?)</tr>", Pattern.DOTALL).matcher(unknownTab);
    assertThat(history.find()).as(unknownTab).isTrue();
    assertThat(history.group(1)).contains("title=\"" + UNKNOWN + "\">Profile unknown</span>");
    String uncheckedTab = page("/infrastructure/servers/" + uncheckedServer + "/security");
    assertThat(attr(uncheckedTab, "id=\"server-compliance\"", "data-status"))
        .isEqualTo("not_checked");
    String row = pairRow(uncheckedTab, BENCHMARK, NOTCHECKED);
    assertThat(row).contains("data-status=\"not_checked\"").contains("Not checked");
    assertThat(cells(row)).as("pass, fail, not checked").containsSequence("0", "0", "1");

    String hosts = Pages.html(mvc, "/infrastructure/hosts?phrase=verdict-", "comp-ops");
    assertThat(hostStatus(hosts, unknownServer)).isEqualTo("error");
    assertThat(hostStatus(hosts, uncheckedServer)).isEqualTo("not_checked");
    String dash = page("/dashboard");
    assertThat(jobCount(dash, unknownJob, "error")).isOne();
    assertThat(jobCount(dash, unknownJob, "compliant")).isZero();
    assertThat(jobCount(dash, uncheckedJob, "not_checked")).isOne();
    assertThat(jobCount(dash, uncheckedJob, "compliant")).isZero();
    assertMoved(
        before,
        fleetView(),
        Map.of("never_scanned", -2L, "error", 1L, "not_checked", 1L, "today.other", 2L));
  }

  @Test
  void aServerWhoseScansApplyNothingIsNotApplicableAndNeverCountsAsCompliant() throws Exception {
    long pkg = fleet.readyPackage("verdict-na");
    long server = fleet.localServer("verdict-na-local");
    long na = fleet.job("verdict-na-job", pkg, List.of(server), NA, "manual");
    FleetView before = fleetView();
    assertThat(fleet.run(na)).isEqualTo("complete");

    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("not_applicable");
    String tab = page("/infrastructure/servers/" + server + "/security");
    assertThat(attr(tab, "id=\"server-compliance\"", "data-status")).isEqualTo("not_applicable");
    assertThat(
            hostStatus(
                Pages.html(mvc, "/infrastructure/hosts?phrase=verdict-na", "comp-ops"), server))
        .isEqualTo("not_applicable");
    assertThat(jobCount(page("/dashboard"), na, "not_applicable")).isOne();
    FleetView applied = fleetView();
    assertMoved(
        before, applied, Map.of("never_scanned", -1L, "not_applicable", 1L, "today.other", 1L));

    long pass = fleet.job("verdict-na-pass-job", pkg, List.of(server), PASS, "manual");
    assertThat(fleet.run(pass)).isEqualTo("complete");
    JsonNode both = fleet.compliance(server);
    assertThat(both.get("status").asString())
        .as("a not applicable pair is left out beside a compliant one")
        .isEqualTo("compliant");
    assertThat(both.get("profiles")).hasSize(2);
    assertThat(fleet.profile(server, NA).get("status").asString()).isEqualTo("not_applicable");
    assertThat(
            hostStatus(
                Pages.html(mvc, "/infrastructure/hosts?phrase=verdict-na", "comp-ops"), server))
        .isEqualTo("compliant");
    assertMoved(
        applied,
        fleetView(),
        Map.of("not_applicable", -1L, "compliant", 1L, "today.other", -1L, "today.compliant", 1L));
  }

  @Test
  void aScanOfAnotherBenchmarksProfileWithTheSameIdNeverHidesTheFirstOnesFailures()
      throws Exception {
    SshdHarness.requireThat(Files.exists(SSG_UBUNTU2204), "this test needs ssg-debderived");
    Path probeRoot = Files.createDirectories(contentRoot.resolve("debian11-root/etc")).getParent();
    Files.writeString(probeRoot.resolve("etc/debian_version"), "11.9\n");
    Path bin = Files.createDirectories(contentRoot.resolve("probe-bin"));
    Path oscap = bin.resolve("oscap");
    // the target's oscap looks at a scratch tree that says Debian 11; never used with --remediate
    Files.writeString(
        oscap, "#!/bin/sh\nOSCAP_PROBE_ROOT='" + probeRoot + "' exec /usr/bin/oscap \"$@\"\n");
    oscap.toFile().setExecutable(true, false);
    Path debian =
        Files.copy(
            ScanFixtures.SSG_DEBIAN11,
            contentRoot.resolve("ssg-debian11-ds.xml"),
            REPLACE_EXISTING);
    Path ubuntu =
        Files.copy(SSG_UBUNTU2204, contentRoot.resolve("ssg-ubuntu2204-ds.xml"), REPLACE_EXISTING);
    FleetApi api2 = new FleetApi(api);
    try (SshdHarness wrapped =
        SshdHarness.startWithConfig(
            List.of(
                "SetEnv PATH="
                    + bin
                    + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"))) {
      wrapped.authorize("root");
      long server = api2.sshServer("verdict-two-benchmarks", wrapped);
      long debianJob =
          api2.job(
              "verdict-debian11",
              api2.readyPackage("verdict-ssg-debian11", debian),
              debian.getFileName().toString(),
              ScanFixtures.SSG_STANDARD,
              List.of(server),
              1);
      long ubuntuJob =
          api2.job(
              "verdict-ubuntu2204",
              api2.readyPackage("verdict-ssg-ubuntu2204", ubuntu),
              ubuntu.getFileName().toString(),
              ScanFixtures.SSG_STANDARD,
              List.of(server),
              1);
      FleetView before = fleetView();

      assertThat(fleet.run(debianJob)).isEqualTo("complete");
      JsonNode failing = pair(server, DEBIAN11);
      assertThat(failing.get("status").asString()).isEqualTo("non_compliant");
      int failures = failing.get("lastScan").get("failCount").asInt();
      assertThat(failures).isPositive();
      assertThat(failing.get("benchmarkTitle").asString())
          .isEqualTo("Guide to the Secure Configuration of Debian 11");
      assertThat(failing.get("profileTitle").asString()).contains("Standard System Security");

      assertThat(fleet.run(ubuntuJob)).isEqualTo("complete");
      JsonNode compliance = fleet.compliance(server);
      assertThat(compliance.get("profiles")).hasSize(2);
      assertThat(compliance.get("status").asString()).isEqualTo("non_compliant");
      JsonNode still = pair(server, DEBIAN11);
      assertThat(still.get("status").asString()).isEqualTo("non_compliant");
      assertThat(still.get("lastScan").get("id").asLong())
          .isEqualTo(failing.get("lastScan").get("id").asLong());
      JsonNode na = pair(server, UBUNTU2204);
      assertThat(na.get("status").asString()).isEqualTo("not_applicable");
      assertThat(na.get("lastScan").get("passCount").asInt()).isZero();
      assertThat(na.get("lastScan").get("notapplicableCount").asInt()).isPositive();
      assertThat(na.get("benchmarkTitle").asString())
          .isEqualTo("Guide to the Secure Configuration of Ubuntu 22.04");

      String tab = page("/infrastructure/servers/" + server + "/security");
      assertThat(attr(tab, "id=\"server-compliance\"", "data-status")).isEqualTo("non_compliant");
      String debianRow = pairRow(tab, DEBIAN11, ScanFixtures.SSG_STANDARD);
      assertThat(debianRow)
          .contains("data-status=\"non_compliant\"")
          .contains(">Guide to the Secure Configuration of Debian 11</div>");
      assertThat(cells(debianRow)).contains(String.valueOf(failures));
      assertThat(pairStatus(tab, UBUNTU2204, ScanFixtures.SSG_STANDARD))
          .isEqualTo("not_applicable");
      assertThat(tab).contains(">Guide to the Secure Configuration of Ubuntu 22.04</div>");

      assertThat(attr(tab, "id=\"trend-benchmark\"", "title"))
          .as("the trend shows the pair scanned last")
          .isEqualTo(UBUNTU2204);
      String debianTrend =
          page(
              "/infrastructure/servers/"
                  + server
                  + "/security?benchmark="
                  + DEBIAN11
                  + "&profile="
                  + ScanFixtures.SSG_STANDARD);
      assertThat(attr(debianTrend, "id=\"trend-benchmark\"", "title")).isEqualTo(DEBIAN11);
      assertThat(
              Pattern.compile("<text class=\"tick fail\"[^>]*y=\"28\"[^>]*>(\\d+)</text>")
                  .matcher(debianTrend)
                  .results()
                  .map(r -> r.group(1))
                  .toList())
          .as("the failures' own axis goes to this pair's most")
          .containsExactly(String.valueOf(failures));
      Matcher scorePath =
          Pattern.compile("<path class=\"line score\"[^>]* d=\"([^\"]*)\"").matcher(debianTrend);
      assertThat(scorePath.find()).isTrue();
      assertThat(scorePath.group(1)).as("one scan of this pair").doesNotContain(" L");
      MvcResult unknownPair =
          mvc.perform(
                  get("/infrastructure/servers/"
                          + server
                          + "/security?benchmark=no-such-benchmark&profile="
                          + ScanFixtures.SSG_STANDARD)
                      .with(user("comp-auditor")))
              .andReturn();
      assertThat(unknownPair.getResponse().getStatus()).isEqualTo(404);
      assertThat(unknownPair.getResponse().getContentAsString()).contains("no-such-benchmark");

      String hosts = Pages.html(mvc, "/infrastructure/hosts?phrase=verdict-two", "comp-ops");
      assertThat(hostStatus(hosts, server)).isEqualTo("non_compliant");
      String dash = page("/dashboard");
      assertThat(jobCount(dash, debianJob, "non_compliant")).isOne();
      assertThat(jobCount(dash, ubuntuJob, "not_applicable")).isOne();
      assertMoved(
          before,
          fleetView(),
          Map.of("never_scanned", -1L, "non_compliant", 1L, "today.nonCompliant", 1L));
    }
  }

  /** The server's pair of this benchmark and the SSG standard profile. */
  private JsonNode pair(long server, String benchmarkId) {
    JsonNode all = fleet.compliance(server);
    for (JsonNode p : all.get("profiles")) {
      if (benchmarkId.equals(p.get("benchmarkId").asString())
          && ScanFixtures.SSG_STANDARD.equals(p.get("profileId").asString())) {
        return p;
      }
    }
    throw new AssertionError("no pair " + benchmarkId + " in " + all);
  }

  private static String pairRow(String tab, String benchmarkId, String profileId) {
    Matcher m =
        Pattern.compile(
                "<tr data-profile=\""
                    + Pattern.quote(profileId)
                    + "\" data-benchmark=\""
                    + Pattern.quote(benchmarkId)
                    + "\">(.*?)</tr>",
                Pattern.DOTALL)
            .matcher(tab);
    assertThat(m.find()).as(tab).isTrue();
    return m.group(1);
  }

  private static String pairStatus(String tab, String benchmarkId, String profileId) {
    return attr(pairRow(tab, benchmarkId, profileId), "profile-status", "data-status");
  }

  /** The texts of a row's plain cells. */
  private static List<String> cells(String row) {
    return Pattern.compile("<td>([^<]*)</td>").matcher(row).results().map(r -> r.group(1)).toList();
  }
}
