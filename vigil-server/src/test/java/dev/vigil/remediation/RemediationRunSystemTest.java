package dev.vigil.remediation;

import static dev.vigil.remediation.ScratchContent.A;
import static dev.vigil.remediation.ScratchContent.B;
import static dev.vigil.remediation.ScratchContent.C;
import static dev.vigil.remediation.ScratchContent.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.storage.BlobStore;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SharedDatabaseReset;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Remediation runs on a disposable target only: a real sshd on loopback, with content written for
 * the test whose checks and fixes are about files in a scratch directory (never SSG fixes). Dry
 * run, self-approval refused, approval by another user, run, re-scan with before/after per rule; a
 * cancel that kills the remote script; a script changed since the dry run refused; a scan that
 * finds its server locked waits instead of failing.
 */
@VigilSystemTest
class RemediationRunSystemTest {

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;
  static final Path contentRoot = SystemTestContent.newFolder("vigil-remediationrunsystemtest");
  static SshdHarness sshd;
  static ScratchContent content;
  private static final Map<String, long[]> fleetByPort = new HashMap<>();

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  ApiClient admin;
  ApiClient ops;
  FleetApi fleet;
  long pkg;
  long server;

  @BeforeAll
  static void target() throws Exception {
    ScanFixtures.requireScanning();
    content = ScratchContent.write(contentRoot);
    sshd = SshdHarness.start();
    sshd.authorize("root");
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @BeforeEach
  void fleet() throws IOException {
    admin = new ApiClient(port).login("admin", ADMIN_PASSWORD);
    fleet = new FleetApi(admin);
    synchronized (fleetByPort) {
      String key = port + "/" + SharedDatabaseReset.generation();
      long[] ids = fleetByPort.get(key);
      if (ids == null) {
        TestUsers.create(admin, "rem-ops", "rem-ops-pw-1", "Security Operator");
        TestUsers.create(admin, "rem-auditor", "rem-auditor-pw-1", "Auditor");
        ids =
            new long[] {
              fleet.readyPackage("remediation-content", content.datastream),
              fleet.sshServer("remediation-target", sshd)
            };
        fleetByPort.put(key, ids);
      }
      pkg = ids[0];
      server = ids[1];
    }
    ops = new ApiClient(port).login("rem-ops", "rem-ops-pw-1");
    clearScratch();
  }

  @Test
  void aDryRunApprovedByAnotherUserRunsAndTheReScanShowsTheRulesFixed() throws Exception {
    long scan = scan(ScratchContent.FIX_PROFILE);

    JsonNode dry = create(ops, "{\"securityScan\":{\"id\":" + scan + "},\"reason\":\"ticket 7\"}");
    long id = dry.get("id").asLong();
    assertThat(dry.get("status").asString()).isEqualTo("pending_approval");
    JsonNode target = dry.get("targets").get(0);
    assertThat(target.get("server").get("id").asLong()).isEqualTo(server);
    assertThat(texts(target.get("rules"))).containsExactlyInAnyOrder(A, B, C);
    String script = target.get("script").asString();
    assertThat(script)
        .startsWith("#!/usr/bin/env bash\n# Vigil remediation (bash) for security scan " + scan)
        .contains("touch '" + content.scratch + "/a'")
        .contains("touch '" + content.scratch + "/b'")
        .doesNotContain(ScratchContent.SLOW);
    assertThat(bashN(script)).isZero();
    assertThat(target.get("scriptSha256").asString()).isEqualTo(RemediationHashes.sha256(script));
    assertThat(Files.exists(content.scratch.resolve("a"))).as("nothing runs unapproved").isFalse();
    assertThat(runJson(id).get("status").asString()).isEqualTo("pending_approval");

    ApiClient.Response notAllowed = ops.put("/api/remediation-runs/" + id + "/approve", "{}");
    assertThat(notAllowed.status()).as("run level cannot approve").isEqualTo(403);

    long own = create(admin, "{\"securityScan\":{\"id\":" + scan + "}}").get("id").asLong();
    ApiClient.Response self = admin.put("/api/remediation-runs/" + own + "/approve", "{}");
    assertThat(self.status()).isEqualTo(400);
    assertThat(self.json().get("msg").asString()).contains("nobody approves their own");
    assertThat(runJson(own).get("status").asString()).isEqualTo("pending_approval");
    ApiClient.Response rejected =
        admin.put("/api/remediation-runs/" + own + "/reject", "{\"reason\":\"duplicate\"}");
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().get("remediationRun").get("status").asString())
        .isEqualTo("rejected");
    ApiClient.Response late = admin.put("/api/remediation-runs/" + own + "/approve", "{}");
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.json().get("msg").asString()).contains("it is rejected");

    ApiClient.Response approved =
        admin.put("/api/remediation-runs/" + id + "/approve", "{\"reason\":\"change 42\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    JsonNode done = awaitEnd(id);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("complete");
    JsonNode t = done.get("targets").get(0);
    assertThat(t.get("status").asString()).isEqualTo("done");
    assertThat(t.get("exitCode").asInt()).isZero();
    assertThat(t.get("output").asString()).contains("c is not made here");
    long after = t.get("afterScan").get("id").asLong();
    assertThat(after).isGreaterThan(scan);
    Map<String, String> outcomes = new HashMap<>();
    for (JsonNode o : t.get("outcomes")) {
      outcomes.put(o.get("ruleId").asString(), o.get("outcome").asString());
    }
    assertThat(outcomes)
        .containsEntry(A, "fixed")
        .containsEntry(B, "fixed")
        .containsEntry(C, "still_failing")
        .containsEntry(D, "newly_failing")
        .hasSize(4);
    JsonNode afterScan = admin.get("/api/security-scans/" + after).json().get("securityScan");
    assertThat(afterScan.get("failCount").asInt()).isEqualTo(2);
    assertThat(Files.exists(content.scratch.resolve("a"))).isTrue();

    assertThat(done.get("createdBy").get("username").asString()).isEqualTo("rem-ops");
    assertThat(done.get("decidedBy").get("username").asString()).isEqualTo("admin");
    assertThat(done.get("decisionReason").asString()).isEqualTo("change 42");
    List<String> actions = new ArrayList<>();
    for (JsonNode e : done.get("events")) {
      actions.add(e.get("action").asString());
    }
    assertThat(actions)
        .containsExactly(
            "created",
            "approved",
            "started",
            "server locked",
            "script started",
            "script ended",
            "re-scan started",
            "re-scanned",
            "complete");
    assertThat(done.get("events").get(0).get("detail").asString()).contains("ticket 7");
    assertThat(jdbc.sql("select count(*) from remediation_locks").query(Long.class).single())
        .as("the server is unlocked")
        .isZero();

    assertThat(Pages.html(mvc, "/remediation-runs/" + id, "rem-auditor"))
        .contains("fixed")
        .contains("newly_failing");
    String list = admin.get("/api/remediation-runs").body();
    assertThat(list).contains("\"id\":" + id).contains("\"meta\"");
  }

  @Test
  void thePagesLeadFromAReportThroughTheDryRunAndItsApprovalToTheRun() throws Exception {
    long scan = scan(ScratchContent.FIX_PROFILE);
    String report =
        Pages.html(mvc, "/infrastructure/servers/" + server + "/security/" + scan, "rem-ops");
    assertThat(report).contains("href=\"/remediation-runs/new?scanId=" + scan + "\"");
    assertThat(
            Pages.html(
                mvc, "/infrastructure/servers/" + server + "/security/" + scan, "rem-auditor"))
        .doesNotContain("/remediation-runs/new");
    String form = Pages.html(mvc, "/remediation-runs/new?scanId=" + scan, "rem-ops");
    assertThat(form)
        .contains("value=\"" + A + "\"")
        .contains("value=\"" + B + "\"")
        .contains("value=\"" + C + "\"")
        .doesNotContain("value=\"" + D + "\"");
    mvc.perform(get("/remediation-runs/new?scanId=" + scan).with(user("rem-auditor")))
        .andExpect(status().isForbidden());

    String location =
        mvc.perform(
                post("/remediation-runs")
                    .param("scanId", Long.toString(scan))
                    .param("rules", B)
                    .param("reason", "from the page")
                    .with(user("rem-ops"))
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(location).matches("/remediation-runs/\\d+");
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    String dry = Pages.html(mvc, location, "rem-ops");
    assertThat(dry)
        .contains("pending_approval")
        .contains("touch &#39;" + content.scratch + "/b&#39;")
        .contains("id=\"cancel-run\"")
        .doesNotContain("id=\"approve-run\"");
    assertThat(Pages.html(mvc, location, "admin")).contains("id=\"approve-run\"");
    mvc.perform(post(location + "/approve").with(user("rem-ops")).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(post(location + "/approve").param("reason", "ok").with(user("admin")).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(awaitEnd(id).get("status").asString()).isEqualTo("complete");
    String ran = Pages.html(mvc, location, "rem-auditor");
    assertThat(ran)
        .contains("id=\"run-status\"")
        .contains(">complete<")
        .contains("data-outcome=\"fixed\"")
        .contains("1 fixed, 0 still failing, 0 newly failing")
        .contains("re-scanned");
    assertThat(Pages.html(mvc, "/remediation-runs", "rem-auditor"))
        .contains("data-run=\"" + id + "\"");
  }

  @Test
  void aCancelMidRunKillsTheRemoteScriptAndAScanOfTheLockedServerWaits() throws Exception {
    long scan = scan(ScratchContent.SLOW_PROFILE);
    long id = create(ops, "{\"securityScan\":{\"id\":" + scan + "}}").get("id").asLong();
    assertThat(admin.put("/api/remediation-runs/" + id + "/approve", "{}").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> Files.exists(content.scratch.resolve("slow-started")));
    // the fix touches its marker, then starts the sleep
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !processesWith(content.sleepToken).isEmpty());

    long job =
        fleet.job(
            "remediation-locked-scan",
            pkg,
            content.datastream.getFileName().toString(),
            ScratchContent.FIX_PROFILE,
            List.of(server),
            1);
    long execution = fleet.execute(job);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> executionStatus(execution).equals("queued"));

    ApiClient.Response cancel =
        ops.put("/api/remediation-runs/" + id + "/cancel", "{\"reason\":\"window closed\"}");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    JsonNode ended = awaitEnd(id);
    assertThat(ended.get("status").asString()).isEqualTo("cancelled");
    JsonNode t = ended.get("targets").get(0);
    assertThat(t.get("status").asString()).isEqualTo("cancelled");
    assertThat(t.get("afterScan").isNull()).as("no re-scan after a cancel").isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> processesWith(content.sleepToken).isEmpty());
    assertThat(Files.exists(content.scratch.resolve("slow-done"))).isFalse();

    JsonNode scanEnd = fleet.awaitEnd(execution, Duration.ofMinutes(2));
    assertThat(scanEnd.get("status").asString())
        .as("re-queued while locked, then scanned")
        .isEqualTo("complete");
  }

  @Test
  void aScriptChangedSinceTheDryRunIsRefused() throws Exception {
    long scan = scan(ScratchContent.FIX_PROFILE);
    JsonNode dry =
        create(ops, "{\"securityScan\":{\"id\":" + scan + "},\"rules\":[\"" + B + "\"]}");
    long id = dry.get("id").asLong();
    JsonNode target = dry.get("targets").get(0);
    assertThat(texts(target.get("rules"))).containsExactly(B);
    assertThat(target.get("script").asString()).doesNotContain("/a'");
    String tampered =
        target.get("script").asString().replace("/b'", "/b' '" + content.scratch + "/tampered'");
    Path file = Files.createTempFile(contentRoot, "tampered", ".sh");
    Files.writeString(file, tampered);
    String sha = blobs.put(file).sha256();
    jdbc.sql("update remediation_targets set script_sha256 = ? where run_id = ?")
        .params(sha, id)
        .update();

    assertThat(admin.put("/api/remediation-runs/" + id + "/approve", "{}").status()).isEqualTo(200);
    JsonNode ended = awaitEnd(id);
    assertThat(ended.get("status").asString()).isEqualTo("failed");
    JsonNode t = ended.get("targets").get(0);
    assertThat(t.get("status").asString()).isEqualTo("refused");
    assertThat(t.get("reason").asString()).contains("changed since the dry run");
    assertThat(Files.exists(content.scratch.resolve("tampered"))).isFalse();
    assertThat(Files.exists(content.scratch.resolve("b"))).isFalse();
  }

  @Test
  void badInputIsRefusedNamingWhatIsWrong() throws Exception {
    long scan = scan(ScratchContent.FIX_PROFILE);
    assertBad(ops.post("/api/remediation-runs", "{}"), "remediationRun", "remediationRun");
    assertBad(
        ops.post("/api/remediation-runs", "{\"remediationRun\":{}}"),
        "securityScan",
        "exactly one");
    assertBad(
        ops.post(
            "/api/remediation-runs",
            "{\"remediationRun\":{\"securityScan\":{\"id\":"
                + scan
                + "},\"jobExecution\":{\"id\":1}}}"),
        "securityScan",
        "exactly one");
    assertBad(
        ops.post("/api/remediation-runs", "{\"remediationRun\":{\"securityScan\":{\"id\":-3}}}"),
        "securityScan",
        "positive");
    assertBad(
        ops.post(
            "/api/remediation-runs",
            "{\"remediationRun\":{\"securityScan\":{\"id\":" + scan + "},\"rules\":[]}}"),
        "rules",
        "at least one");
    assertBad(
        ops.post(
            "/api/remediation-runs",
            "{\"remediationRun\":{\"securityScan\":{\"id\":"
                + scan
                + "},\"rules\":[\""
                + D
                + "\",\"xccdf_no_rule_x\"]}}"),
        "rules",
        D);
    assertBad(
        ops.post(
            "/api/remediation-runs",
            "{\"remediationRun\":{\"securityScan\":{\"id\":" + scan + "},\"rules\":[\"a b;rm\"]}}"),
        "rules",
        "must match");
    ApiClient.Response malformed = ops.post("/api/remediation-runs", "{\"remediationRun\":");
    assertThat(malformed.status()).isEqualTo(400);
    ApiClient.Response missing =
        ops.post(
            "/api/remediation-runs", "{\"remediationRun\":{\"securityScan\":{\"id\":987654}}}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(admin.put("/api/remediation-runs/987654/approve", "{}").status()).isEqualTo(404);
    assertThat(admin.get("/api/remediation-runs/987654").status()).isEqualTo(404);
    ApiClient auditor = new ApiClient(port).login("rem-auditor", "rem-auditor-pw-1");
    assertThat(
            auditor
                .post(
                    "/api/remediation-runs",
                    "{\"remediationRun\":{\"securityScan\":{\"id\":" + scan + "}}}")
                .status())
        .isEqualTo(403);
    long passed = scan(ScratchContent.SLOW_PROFILE);
    Files.writeString(content.scratch.resolve("slow-done"), "");
    long clean = scan(ScratchContent.SLOW_PROFILE);
    assertThat(passed).isNotEqualTo(clean);
    ApiClient.Response nothing =
        ops.post(
            "/api/remediation-runs",
            "{\"remediationRun\":{\"securityScan\":{\"id\":" + clean + "}}}");
    assertThat(nothing.status()).isEqualTo(400);
    assertThat(nothing.json().get("msg").asString()).contains("nothing to fix");
  }

  private void assertBad(ApiClient.Response r, String field, String words) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("msg").asString() + r.json().get("errors")).contains(words);
    assertThat(r.json().get("errors").has(field)).as(r.body()).isTrue();
  }

  private long scan(String profile) {
    long job =
        fleet.job(
            "remediation-"
                + profile.substring(profile.lastIndexOf('-') + 1)
                + "-"
                + System.nanoTime(),
            pkg,
            content.datastream.getFileName().toString(),
            profile,
            List.of(server),
            1);
    long execution = fleet.execute(job);
    JsonNode e = fleet.awaitEnd(execution, Duration.ofMinutes(2));
    assertThat(e.get("status").asString()).as(e.toString()).isEqualTo("complete");
    JsonNode scans = admin.get("/api/security-scans?serverId=" + server).json();
    return scans.get("securityScans").get(0).get("id").asLong();
  }

  private JsonNode create(ApiClient as, String inner) {
    ApiClient.Response r = as.post("/api/remediation-runs", "{\"remediationRun\":" + inner + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("remediationRun");
  }

  private JsonNode runJson(long id) {
    return admin.get("/api/remediation-runs/" + id).json().get("remediationRun");
  }

  private String executionStatus(long execution) {
    return admin
        .get("/api/job-executions/" + execution)
        .json()
        .get("jobExecution")
        .get("status")
        .asString();
  }

  private JsonNode awaitEnd(long id) {
    List<String> ended = List.of("complete", "failed", "cancelled", "rejected");
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> ended.contains(runJson(id).get("status").asString()));
    return runJson(id);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** The command lines of this machine's processes that contain {@code token}. */
  static List<String> processesWith(String token) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd =
              new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          if (cmd.contains(token)) {
            found.add(p.getFileName() + ": " + cmd);
          }
        } catch (IOException gone) {
          // the process ended meanwhile
        }
      }
    }
    return found;
  }

  private static int bashN(String script) throws Exception {
    Path f = Files.createTempFile(contentRoot, "fix", ".sh");
    Files.writeString(f, script);
    Process p =
        new ProcessBuilder("bash", "-n", f.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private static void clearScratch() throws IOException {
    try (Stream<Path> files = Files.list(content.scratch)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-remediation-run");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
