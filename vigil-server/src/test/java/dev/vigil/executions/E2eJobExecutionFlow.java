package dev.vigil.executions;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.arf.RuleResult;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ContentServer;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The whole path through the REST API only, run on H2 and on PostgreSQL by subclasses: an execute
 * schedule, a security package fetched from a loopback HTTP server, servers over a real loopback
 * sshd, an instance of one of them, a job over two servers and a job over the instance (a job
 * targets servers or instances, never both), both executed and polled until complete; every server
 * then has one security scan equal, rule by rule, to oscap run directly on the same content.
 */
abstract class E2eJobExecutionFlow {

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;
  private static final String CONTENT_PATH = "/content/nine-results-ds.xml";

  private static Path contentRoot;
  private static SshdHarness sshd;
  private static ContentServer content;
  private static Path nineDs;
  private static ScanReport direct;

  @LocalServerPort int port;
  ApiClient api;
  ExecutionApi exec;
  AcceptTargets make;

  @BeforeAll
  static void targetsAndContent() throws Exception {
    ScanFixtures.requireScanning();
    contentRoot = Files.createTempDirectory("vigil-e2e-content");
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    direct = ScanFixtures.directNineResultsReport(nineDs);
    content = new ContentServer().bytes(CONTENT_PATH, Files.readAllBytes(nineDs));
    sshd = SshdHarness.start();
    sshd.authorize("root");
  }

  @AfterAll
  static void stopTargetsAndContent() throws IOException {
    if (sshd != null) {
      sshd.close();
    }
    if (content != null) {
      content.close();
    }
    if (contentRoot != null) {
      try (var files = Files.walk(contentRoot)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", ADMIN_PASSWORD);
    exec = new ExecutionApi(api, sshd, nineDs);
    make = new AcceptTargets(api);
  }

  @Test
  void scheduledJobsOverServersAndOverAnInstanceScanEveryServerAsOscapDoes() {
    long schedule =
        make.create(
            "/api/execute-schedules",
            "{\"schedule\":{\"scheduleType\":\"execute\",\"name\":\"e2e-new-year\","
                + "\"cron\":\"0 3 1 1 *\",\"scheduleTimezone\":\"Europe/Berlin\"}}",
            "schedule");
    long pkg = make.readyPackage("e2e-nine", content.url(CONTENT_PATH));
    String scanPath = onlyChecklist(pkg);
    long web1 = exec.sshServer("e2e-web1");
    long web2 = exec.sshServer("e2e-web2");
    long app1 = exec.sshServer("e2e-app1");
    long instance =
        make.create(
            "/api/instances",
            "{\"instance\":{\"name\":\"e2e-app\",\"servers\":[{\"id\":" + app1 + "}]}}",
            "instance");
    String onSchedule = String.valueOf(schedule);
    long serversJob =
        make.job(
            "e2e-servers",
            "server",
            List.of(web1, web2),
            pkg,
            scanPath,
            NINE_PROFILE,
            onSchedule,
            2);
    long instanceJob =
        make.job(
            "e2e-instance",
            "instance",
            List.of(instance),
            pkg,
            scanPath,
            NINE_PROFILE,
            onSchedule,
            2);
    assertJob(serversJob, schedule, "server", List.of(web1, web2));
    assertJob(instanceJob, schedule, "instance", List.of(instance));

    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long onServers = exec.execute(serversJob);
    long onInstance = exec.execute(instanceJob);
    Map<Long, Long> scanByServer = new LinkedHashMap<>();
    scanByServer.putAll(assertCompleteOver(exec.awaitEnd(onServers), serversJob, web1, web2));
    scanByServer.putAll(assertCompleteOver(exec.awaitEnd(onInstance), instanceJob, app1));

    scanByServer.forEach(this::assertTheOnlyScanEqualsDirectOscap);
    assertThat(executionIds("startDate=" + started)).contains(onServers, onInstance);
    String dayBefore = started.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString();
    assertThat(executionIds("endDate=" + dayBefore)).doesNotContain(onServers, onInstance);
  }

  private String onlyChecklist(long pkg) {
    JsonNode lists = api.get("/api/security-packages/" + pkg + "/checklists").json();
    assertThat(lists.get("checklists")).as(lists.toString()).hasSize(1);
    JsonNode checklist = lists.get("checklists").get(0);
    List<String> profiles = new ArrayList<>();
    checklist.get("profiles").forEach(p -> profiles.add(p.get("id").asString()));
    assertThat(profiles).contains(NINE_PROFILE);
    return checklist.get("path").asString();
  }

  private void assertJob(long job, long schedule, String targetType, List<Long> refIds) {
    JsonNode j = api.get("/api/jobs/" + job).json().get("job");
    assertThat(j.get("scheduleMode").asString()).isEqualTo(String.valueOf(schedule));
    assertThat(j.get("targetType").asString()).isEqualTo(targetType);
    List<Long> got = new ArrayList<>();
    j.get("targets").forEach(t -> got.add(t.get("refId").asLong()));
    assertThat(got).containsExactlyElementsOf(refIds);
  }

  /** The execution completed with one done event per server, in order; their scan ids. */
  private Map<Long, Long> assertCompleteOver(JsonNode ended, long job, long... servers) {
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
    assertThat(ended.get("job").get("id").asLong()).isEqualTo(job);
    assertThat(ended.get("doneCount").asInt()).isEqualTo(servers.length);
    assertThat(ended.get("failedCount").asInt()).isZero();
    JsonNode events = ended.get("process").get("events");
    assertThat(events).hasSize(servers.length);
    Map<Long, Long> scans = new LinkedHashMap<>();
    for (int i = 0; i < servers.length; i++) {
      JsonNode ev = events.get(i);
      assertThat(ev.get("refId").asLong()).isEqualTo(servers[i]);
      assertThat(ev.get("targetStatus").asString()).isEqualTo("done");
      assertThat(ev.get("scanId").isNull()).as(ev.toString()).isFalse();
      scans.put(servers[i], ev.get("scanId").asLong());
    }
    return scans;
  }

  private void assertTheOnlyScanEqualsDirectOscap(long server, long scanId) {
    JsonNode listed = api.get("/api/security-scans?serverId=" + server).json();
    assertThat(listed.get("meta").get("total").asInt()).as("scans of " + server).isOne();
    assertThat(listed.get("securityScans").get(0).get("id").asLong()).isEqualTo(scanId);
    JsonNode scan =
        api.get("/api/security-scans/" + scanId + "?results=true").json().get("securityScan");
    assertThat(scan.get("server").get("id").asLong()).isEqualTo(server);
    assertThat(scan.get("profileId").asString()).isEqualTo(NINE_PROFILE);
    Map<String, String> byRule = new LinkedHashMap<>();
    scan.get("results")
        .get("ruleResults")
        .forEach(r -> byRule.put(r.get("ruleId").asString(), r.get("result").asString()));
    Map<String, String> expected = new LinkedHashMap<>();
    for (RuleResult r : direct.ruleResults()) {
      expected.put(r.ruleId(), r.result().xccdf());
    }
    assertThat(byRule).isNotEmpty().isEqualTo(expected);
    for (ResultType t : ResultType.values()) {
      assertThat(scan.get("counts").get(t.xccdf()).asInt())
          .as(t.xccdf())
          .isEqualTo(direct.count(t));
    }
    assertThat(scan.get("failCount").asInt()).isEqualTo(direct.count(ResultType.FAIL));
    assertThat(scan.get("results").get("score").get("value").asDouble())
        .isEqualTo(direct.scores().get(0).value());
  }

  private List<Long> executionIds(String query) {
    ApiClient.Response r = api.get("/api/job-executions?max=-1&" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    r.json().get("jobExecutions").forEach(e -> ids.add(e.get("id").asLong()));
    return ids;
  }
}
