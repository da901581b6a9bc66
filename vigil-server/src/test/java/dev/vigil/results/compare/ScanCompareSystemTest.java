package dev.vigil.results.compare;

import static dev.vigil.results.compare.CompareContent.RULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.results.NewScan;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanComparison;
import dev.vigil.results.ScanDiff;
import dev.vigil.results.ScanOrigin;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Comparing scans and drift per execution, on ARFs written by a real oscap for the nine-results
 * benchmark and a variant of it with one change of every kind (see {@link CompareContent}), and on
 * real executions of a job over local servers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:scancompare;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.access.admin-password=compare-admin-pw",
      "vigil.scheduler.polling-interval=200ms"
    })
@AutoConfigureMockMvc
class ScanCompareSystemTest {

  /** Every change the variant makes, by rule. */
  static final Map<String, String> EXPECTED =
      Map.of(
          RULE + "pass", "pass_to_fail",
          RULE + "fail", "fail_to_pass",
          RULE + "notselected", "new",
          RULE + "added", "new",
          RULE + "error", "gone",
          RULE + "unknown", "gone",
          RULE + "informational", "other");

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static Path contentRoot;
  private static Path nineDs;
  private static Path beforeArf;
  private static Path afterArf;
  private static Path otherArf;
  private static boolean usersMade;
  private static long packageId;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired ResultService results;
  @Autowired ScanComparison comparison;
  ApiClient api;
  FleetApi fleet;

  @DynamicPropertySource
  static void roots(DynamicPropertyRegistry registry) {
    registry.add("vigil.packages.allowed-file-roots", () -> contentRoot.toString());
  }

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    contentRoot = Files.createTempDirectory("vigil-compare");
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    beforeArf = eval(nineDs, "before");
    afterArf =
        eval(CompareContent.after(Files.createDirectories(contentRoot.resolve("a"))), "after");
    otherArf =
        eval(CompareContent.otherBenchmark(Files.createDirectories(contentRoot.resolve("o"))), "o");
  }

  private static Path eval(Path checklist, String name) throws Exception {
    Path arf = checklist.resolveSibling(name + "-arf.xml");
    int exit = ScanFixtures.oscapEval(checklist, ScanFixtures.NINE_PROFILE, arf);
    assertThat(exit).as("oscap on " + checklist).isEqualTo(2);
    return arf;
  }

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", "compare-admin-pw");
    fleet = new FleetApi(api);
    if (!usersMade) {
      TestUsers.create(api, "cmp-auditor", "cmp-auditor-pw-1", "Auditor");
      packageId = fleet.readyPackage("cmp-nine", nineDs);
      usersMade = true;
    }
  }

  @Test
  void compareListsEveryKindOfChangeExactlyWithTheLaterScanAfter() throws Exception {
    long a = server();
    long before = record(a, beforeArf, 1, ScanOrigin.NONE);
    long after = record(a, afterArf, 2, ScanOrigin.NONE);
    JsonNode c = comparison(after, before, "");
    assertThat(c.get("before").get("id").asLong()).isEqualTo(before);
    assertThat(c.get("after").get("id").asLong()).isEqualTo(after);
    assertThat(c.get("order").asString()).contains("before is the earlier scan");
    assertThat(changes(c)).isEqualTo(EXPECTED);
    assertThat(c.get("changes").get(0).get("change").asString()).isEqualTo("pass_to_fail");
    assertThat(c.get("counts").get("pass_to_fail").asInt()).isEqualTo(1);
    assertThat(c.get("counts").get("fail_to_pass").asInt()).isEqualTo(1);
    assertThat(c.get("counts").get("new").asInt()).isEqualTo(2);
    assertThat(c.get("counts").get("gone").asInt()).isEqualTo(2);
    assertThat(c.get("counts").get("other").asInt()).isEqualTo(1);
    assertThat(c.get("counts").get("total").asInt()).isEqualTo(7);
    JsonNode other = rule(c, RULE + "informational");
    assertThat(other.get("before").asString()).isEqualTo("informational");
    assertThat(other.get("after").asString()).isEqualTo("error");
    assertThat(rule(c, RULE + "notselected").get("before").isNull()).isTrue();
    assertThat(rule(c, RULE + "notselected").get("after").asString()).isEqualTo("fail");
    assertThat(rule(c, RULE + "unknown").get("after").isNull()).isTrue();
    assertThat(rule(c, RULE + "pass").get("title").asString())
        .isEqualTo("Passes on every Unix (OVAL)");
    assertThat(rule(c, RULE + "pass").get("severity").asString()).isEqualTo("low");
    assertThat(comparison(before, after, "").get("changes")).isEqualTo(c.get("changes"));

    JsonNode filtered = comparison(before, after, "?change=new&change=GONE&change=");
    assertThat(changes(filtered).values()).containsOnly("new", "gone").hasSize(4);
    assertThat(filtered.get("counts").get("total").asInt()).isEqualTo(7);
  }

  @Test
  void sincePreviousComparesWithTheLatestEarlierScanOfTheSameServerAndProfile() {
    long a = server();
    long b = server();
    long first = record(a, beforeArf, 1, ScanOrigin.NONE);
    long second = record(a, afterArf, 2, ScanOrigin.NONE);
    record(b, beforeArf, 3, ScanOrigin.NONE);
    long third = record(a, beforeArf, 4, ScanOrigin.NONE);
    record(a, afterArf, 5, ScanOrigin.NONE);
    assertThat(comparison.sincePrevious(first)).isEmpty();
    ScanDiff sinceSecond = comparison.sincePrevious(third).orElseThrow();
    assertThat(sinceSecond.before().id()).isEqualTo(second);
    assertThat(sinceSecond.after().id()).isEqualTo(third);
    // the way back: rule_pass fails → passes, the removed rule_error comes back
    Map<String, String> back = new LinkedHashMap<>();
    sinceSecond.changes().forEach(r -> back.put(r.ruleId(), r.kind().code()));
    assertThat(back)
        .containsEntry(RULE + "pass", "fail_to_pass")
        .containsEntry(RULE + "fail", "pass_to_fail")
        .containsEntry(RULE + "error", "new")
        .containsEntry(RULE + "added", "gone")
        .hasSize(7);
  }

  @Test
  void badComparisonsAreRefusedWithTheReason() {
    long a = server();
    long b = server();
    long scan = record(a, beforeArf, 1, ScanOrigin.NONE);
    long otherServer = record(b, beforeArf, 2, ScanOrigin.NONE);
    long otherBenchmark = record(a, otherArf, 3, ScanOrigin.NONE);
    String base = "/api/security-scans/" + scan + "/compare/";

    ApiClient.Response servers = api.get(base + otherServer);
    assertThat(servers.status()).isEqualTo(400);
    assertThat(servers.json().get("errors").get("otherId").asString())
        .contains("different servers");
    ApiClient.Response benchmarks = api.get(base + otherBenchmark);
    assertThat(benchmarks.status()).isEqualTo(400);
    assertThat(benchmarks.json().get("msg").asString())
        .contains("different benchmarks", CompareContent.OTHER_BENCHMARK);
    assertThat(api.get(base + scan).status()).isEqualTo(400);
    ApiClient.Response kind = api.get(base + scan + "?change=worse");
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.json().get("errors").get("change").asString())
        .contains("'worse'", "pass_to_fail", "other");
    ApiClient.Response unknown = api.get(base + 999_999);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("msg").asString()).contains("999999");
    assertThat(api.get("/api/security-scans/999999/compare/" + scan).status()).isEqualTo(404);
    assertThat(api.get(base + "abc").status()).isEqualTo(400);
    assertThat(api.get("/api/job-executions/999999/drift").status()).isEqualTo(404);
  }

  @Test
  void comparePagesShowTheChangesToAReader() throws Exception {
    long a = server();
    long b = server();
    long before = record(a, beforeArf, 1, ScanOrigin.NONE);
    long after = record(a, afterArf, 2, ScanOrigin.NONE);
    long elsewhere = record(b, beforeArf, 3, ScanOrigin.NONE);
    String page = Pages.html(mvc, "/security-scans/" + after + "/compare/" + before, "cmp-auditor");
    assertThat(page).contains("id=\"scan-before\"", "id=\"scan-after\"", "pass → fail");
    EXPECTED.keySet().forEach(rule -> assertThat(page).contains("data-rule-id=\"" + rule + "\""));

    String gone =
        Pages.html(
            mvc, "/security-scans/" + before + "/compare/" + after + "?change=gone", "cmp-auditor");
    assertThat(gone)
        .contains("data-rule-id=\"" + RULE + "error\"", "data-rule-id=\"" + RULE + "unknown\"")
        .doesNotContain("data-rule-id=\"" + RULE + "pass\"", "data-change=\"new\"");

    String pick = Pages.html(mvc, "/security-scans/" + after + "/compare", "cmp-auditor");
    assertThat(pick)
        .contains("What changed since the previous scan", "value=\"" + before + "\"")
        .contains("data-rule-id=\"" + RULE + "fail\"")
        .doesNotContain("value=\"" + elsewhere + "\"");
    MockHttpServletResponse chosen = page("/security-scans/" + after + "/compare?other=" + before);
    assertThat(chosen.getStatus()).isEqualTo(302);
    assertThat(chosen.getRedirectedUrl())
        .isEqualTo("/security-scans/" + after + "/compare/" + before);

    MockHttpServletResponse refused = page("/security-scans/" + after + "/compare/" + elsewhere);
    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getContentAsString()).contains("different servers");
    assertThat(page("/security-scans/" + after + "/compare/" + before + "?change=x").getStatus())
        .isEqualTo(400);
    assertThat(page("/security-scans/999999/compare").getStatus()).isEqualTo(404);
  }

  @Test
  void driftListsTheRulesThatChangedPerServerAndTheServersNotCompared() throws Exception {
    String prefix = "drift" + NAMES.incrementAndGet();
    List<Long> servers = fleet.localServers(prefix, 2);
    long c = server();
    String jobName = prefix + "-job";
    long job =
        fleet.job(
            jobName,
            packageId,
            nineDs.getFileName().toString(),
            ScanFixtures.NINE_PROFILE,
            servers,
            2);
    long first = fleet.execute(job);
    awaitEnd(first);
    JsonNode none = api.get("/api/job-executions/" + first + "/drift").json().get("drift");
    assertThat(none.get("previousExecution").isNull()).isTrue();
    assertThat(none.get("msg").asString()).isEqualTo("No previous execution of job " + jobName);
    assertThat(none.get("rules")).isEmpty();

    long second = fleet.execute(job);
    awaitEnd(second);
    // the first server's content changed after its scan in the second execution; a third server
    // was scanned only in the second execution, a fourth only in the first
    ScanOrigin origin = new ScanOrigin(job, jobName, second, null);
    long changed = record(servers.get(0), afterArf, 3600, origin);
    record(c, beforeArf, 3600, origin);
    long d = server();
    record(d, beforeArf, 60, new ScanOrigin(job, jobName, first, null));

    JsonNode drift = api.get("/api/job-executions/" + second + "/drift").json().get("drift");
    assertThat(drift.get("execution").get("id").asLong()).isEqualTo(second);
    assertThat(drift.get("previousExecution").get("id").asLong()).isEqualTo(first);
    assertThat(drift.get("serversCompared").asInt()).isEqualTo(2);
    Map<String, String> byRule = new LinkedHashMap<>();
    for (JsonNode rule : drift.get("rules")) {
      assertThat(rule.get("servers")).hasSize(1);
      JsonNode on = rule.get("servers").get(0);
      assertThat(on.get("server").get("id").asLong()).isEqualTo(servers.get(0));
      assertThat(on.get("afterScanId").asLong()).isEqualTo(changed);
      byRule.put(rule.get("ruleId").asString(), on.get("change").asString());
    }
    assertThat(byRule).isEqualTo(EXPECTED);
    assertThat(drift.get("rules").get(0).get("ruleId").asString()).isEqualTo(RULE + "pass");
    assertThat(drift.get("counts").get("total").asInt()).isEqualTo(7);
    Map<Long, String> missing = new LinkedHashMap<>();
    drift
        .get("missing")
        .forEach(m -> missing.put(m.get("server").get("id").asLong(), m.get("reason").asString()));
    assertThat(missing)
        .isEqualTo(
            Map.of(
                c,
                "no scan in the previous execution (" + first + ")",
                d,
                "no scan in this execution"));

    String detail = Pages.html(mvc, "/provisioning/jobs/executions/" + second, "cmp-auditor");
    assertThat(detail)
        .contains("Drift since previous execution", "no scan in the previous execution");
    EXPECTED.keySet().forEach(rule -> assertThat(detail).contains("data-rule-id=\"" + rule + "\""));
    assertThat(Pages.html(mvc, "/provisioning/jobs/executions/" + first, "cmp-auditor"))
        .contains("No previous execution of job " + jobName);
  }

  @Test
  void whileAnExecutionRunsItsPageLeavesTheDriftForLater() throws Exception {
    Path slowDs = ScanFixtures.slowDatastream(Files.createTempDirectory(contentRoot, "slow"), 300);
    String prefix = "slow" + NAMES.incrementAndGet();
    long job =
        fleet.job(
            prefix,
            fleet.readyPackage(prefix, slowDs),
            slowDs.getFileName().toString(),
            ScanFixtures.SLOW_PROFILE,
            fleet.localServers(prefix, 1),
            1);
    long running = fleet.execute(job);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(running).equals("running"));
      assertThat(Pages.html(mvc, "/provisioning/jobs/executions/" + running, "cmp-auditor"))
          .contains("Drift since previous execution", "Shown once the execution has ended");
      JsonNode drift = api.get("/api/job-executions/" + running + "/drift").json().get("drift");
      assertThat(drift.get("previousExecution").isNull()).isTrue();
    } finally {
      api.put("/api/job-executions/" + running + "/cancel", "{}");
      await().atMost(Duration.ofSeconds(60)).until(() -> status(running).equals("cancelled"));
    }
  }

  private String status(long execution) {
    return api.get("/api/job-executions/" + execution)
        .json()
        .get("jobExecution")
        .get("status")
        .asString();
  }

  private MockHttpServletResponse page(String path) throws Exception {
    return mvc.perform(get(path).with(user("cmp-auditor"))).andReturn().getResponse();
  }

  private void awaitEnd(long execution) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> Set.of("complete", "failed", "cancelled").contains(status(execution)));
    assertThat(status(execution)).isEqualTo("complete");
  }

  private JsonNode comparison(long id, long other, String query) {
    ApiClient.Response r = api.get("/api/security-scans/" + id + "/compare/" + other + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("comparison");
  }

  private static Map<String, String> changes(JsonNode comparison) {
    Map<String, String> out = new LinkedHashMap<>();
    comparison
        .get("changes")
        .forEach(c -> out.put(c.get("ruleId").asString(), c.get("change").asString()));
    return out;
  }

  private static JsonNode rule(JsonNode comparison, String ruleId) {
    for (JsonNode c : comparison.get("changes")) {
      if (c.get("ruleId").asString().equals(ruleId)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + ruleId);
  }

  private long server() {
    return fleet.localServers("cmp" + NAMES.incrementAndGet(), 1).get(0);
  }

  /** Records the ARF as a scan of the server finished {@code minute} minutes after a base time. */
  private long record(long serverId, Path arf, int minute, ScanOrigin origin) {
    try {
      ScanReport report = new ArfReader().read(arf);
      Instant end =
          origin.executionId() == null
              ? Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute)
              : Instant.now().plusSeconds(minute);
      return results
          .record(
              new NewScan(
                  serverId,
                  "server-" + serverId,
                  packageId,
                  "cmp-nine",
                  null,
                  arf.getFileName().toString(),
                  report.profileId(),
                  report,
                  arf,
                  null,
                  "1.3.7",
                  end.minusSeconds(30),
                  end,
                  "admin",
                  origin))
          .id();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
