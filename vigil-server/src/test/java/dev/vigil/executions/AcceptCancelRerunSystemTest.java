package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SilentPort;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Cancel and re-run through the REST API against real targets: a cancel while oscap scans over SSH
 * leaves no process of the run and no run directory on the target, and a re-run takes exactly the
 * servers that were not scanned (failed, cancelled while running, never started).
 */
@VigilSystemTest
class AcceptCancelRerunSystemTest {

  private static final String LOGIN_USER = "vigil-acc-cancel";
  private static final Path WORK_DIR = Path.of("/var/tmp");
  private static Path contentRoot;
  private static SshdHarness sshd;
  private static SilentPort silent;
  private static Path nineDs;
  private static Path slowDs;
  private static int sleepSeconds;

  @LocalServerPort int port;
  ApiClient api;
  ExecutionApi exec;
  AcceptTargets make;

  @BeforeAll
  static void targets() throws Exception {
    ScanFixtures.requireScanning();
    contentRoot = SystemTestContent.newFolder("vigil-accept-cancel");
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    sleepSeconds = 400 + ThreadLocalRandom.current().nextInt(500);
    slowDs = ScanFixtures.slowDatastream(contentRoot, sleepSeconds);
    SshdHarness.ensureUser(LOGIN_USER, true, "acc-Cancel-417");
    removeRunDirsOf(LOGIN_USER);
    sshd = SshdHarness.start();
    sshd.authorize("root");
    sshd.authorize(LOGIN_USER);
    silent = new SilentPort();
  }

  @AfterAll
  static void stopTargets() throws IOException {
    if (sshd != null) {
      sshd.close();
    }
    if (silent != null) {
      silent.close();
    }
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    exec = new ExecutionApi(api, sshd, nineDs);
    make = new AcceptTargets(api);
  }

  @Test
  void cancelWhileOscapScansOverSshKillsItOnTheTargetAndRemovesTheRunDirectory() {
    long pkg = make.filePackage("slow-cancel", slowDs);
    long server =
        make.sshServer("cancel-sudo", sshd.host(), sshd.port(), LOGIN_USER, sshd.userKey(), "sudo");
    long job =
        make.job(
            "to-kill",
            pkg,
            slowDs.getFileName().toString(),
            ScanFixtures.SLOW_PROFILE,
            List.of(server),
            1);
    long execution = exec.execute(job);
    String runDir;
    try {
      runDir = awaitTheSlowCheckOnTheTarget(execution);
    } catch (RuntimeException | AssertionError e) {
      api.put("/api/job-executions/" + execution + "/cancel", "{}");
      throw e;
    }

    ApiClient.Response cancel = api.put("/api/job-executions/" + execution + "/cancel", "{}");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);

    JsonNode ended = exec.awaitEnd(execution);
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("cancelled");
    JsonNode run = ended.get("process").get("events").get(0);
    assertThat(run.get("targetStatus").asString()).isEqualTo("cancelled");
    assertThat(run.get("scanId").isNull()).isTrue();
    assertThat(userProcessesOf(runDir)).as("oscap of " + LOGIN_USER + " left").isZero();
    assertThat(processes(runDir)).as("processes of " + runDir + " left").isZero();
    assertThat(processes("^sleep " + sleepSeconds + "$")).as("the slow check left").isZero();
    assertThat(Files.exists(Path.of(runDir))).as(runDir + " left").isFalse();
    assertThat(runDirsOf(LOGIN_USER)).isEmpty();
    JsonNode scans = api.get("/api/security-scans?serverId=" + server).json();
    assertThat(scans.get("meta").get("total").asInt()).isZero();
  }

  /** Waits until the slow rule runs on the target; returns the run's directory there. */
  private String awaitTheSlowCheckOnTheTarget(long execution) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> processes("^sleep " + sleepSeconds + "$") > 0);
    JsonNode scanning = make.events(execution).get(0);
    assertThat(scanning.get("step").asString()).as(scanning.toString()).isEqualTo("scanning");
    List<Path> runDirs = runDirsOf(LOGIN_USER);
    assertThat(runDirs).as("the run's directory on the target").hasSize(1);
    String runDir = runDirs.get(0).toString();
    assertThat(processes(runDir)).as("oscap of " + runDir).isPositive();
    assertThat(userProcessesOf(runDir)).as("the login user's oscap command").isPositive();
    return runDir;
  }

  @Test
  void reRunTakesExactlyTheFailedTheCancelledAndTheNeverStartedServers() throws Exception {
    long pkg = make.filePackage("nine-rerun", nineDs);
    long good = exec.sshServer("rerun-good");
    long bad = exec.sshServer("rerun-refused");
    api.put("/api/servers/" + bad, "{\"server\":{\"sshPort\":1}}");
    long hanging =
        make.sshServer(
            "rerun-silent", silent.host(), silent.port(), "root", sshd.userKey(), "root");
    long never = exec.localServer("rerun-never");
    List<Long> targets = List.of(good, bad, hanging, never);
    long job = make.nineJob("rerun-mix", pkg, nineDs.getFileName().toString(), targets, 1);
    long first = exec.execute(job);
    int accepted = silent.accepted();
    make.awaitTarget(first, 2, "connecting");
    await().atMost(Duration.ofSeconds(10)).until(() -> silent.accepted() > accepted);
    assertThat(api.put("/api/job-executions/" + first + "/cancel", "{}").status()).isEqualTo(200);

    JsonNode ended = exec.awaitEnd(first);
    assertThat(ended.get("status").asString())
        .as("a failed server outweighs the cancel")
        .isEqualTo("failed");
    assertThat(ended.get("doneCount").asInt()).isOne();
    assertThat(ended.get("failedCount").asInt()).isOne();
    List<JsonNode> runs = make.events(first);
    assertThat(runs).extracting(r -> r.get("refId").asLong()).containsExactlyElementsOf(targets);
    assertThat(runs.get(0).get("targetStatus").asString()).isEqualTo("done");
    assertThat(runs.get(1).get("targetStatus").asString()).isEqualTo("failed");
    assertThat(runs.get(1).get("failureCode").asString()).isEqualTo("unreachable");
    assertThat(runs.get(2).get("targetStatus").asString()).isIn("cancelled", "failed");
    assertThat(runs.get(3).get("targetStatus").asString()).isEqualTo("cancelled");
    assertThat(runs.get(3).get("startDate").isNull()).as("never started").isTrue();

    ApiClient.Response rerun = api.put("/api/job-executions/" + first + "/rerun", "{}");
    assertThat(rerun.status()).as(rerun.body()).isEqualTo(200);
    long second = rerun.json().get("jobExecution").get("id").asLong();
    assertThat(second).isNotEqualTo(first);
    assertThat(rerun.json().get("jobExecution").get("job").get("id").asLong()).isEqualTo(job);
    assertThat(make.events(second))
        .extracting(r -> r.get("refId").asLong())
        .containsExactly(bad, hanging, never);
    assertThat(make.execution(second).get("totalCount").asInt()).isEqualTo(3);
    api.put("/api/job-executions/" + second + "/cancel", "{}");
    assertThat(exec.awaitEnd(second).get("status").asString()).isIn("cancelled", "failed");
    assertThat(
            api.get("/api/security-scans?serverId=" + good).json().get("meta").get("total").asInt())
        .isOne();
  }

  /** Processes on this machine (the target) whose command line matches {@code pattern}. */
  private static int processes(String pattern) {
    String pids =
        ScanFixtures.exitCode("pgrep", "-f", "--", pattern) == 0
            ? ScanFixtures.run("pgrep", "-f", "--", pattern)
            : "";
    return (int) pids.lines().filter(l -> !l.isBlank()).count();
  }

  /**
   * Processes the login user started (real uid: in sudo mode the user's {@code sudo -n …} runs
   * oscap, its children run as root) whose command line names the run directory.
   */
  private static int userProcessesOf(String runDir) {
    String pids =
        ScanFixtures.exitCode("pgrep", "-U", LOGIN_USER, "-f", "--", runDir) == 0
            ? ScanFixtures.run("pgrep", "-U", LOGIN_USER, "-f", "--", runDir)
            : "";
    return (int) pids.lines().filter(l -> !l.isBlank()).count();
  }

  /** The {@code vigil-run.*} directories in the work directory that {@code user} owns. */
  private static List<Path> runDirsOf(String user) {
    try (var files = Files.list(WORK_DIR)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("vigil-run."))
          .filter(f -> ownedBy(f, user))
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean ownedBy(Path f, String user) {
    try {
      return Files.getOwner(f).getName().equals(user);
    } catch (IOException gone) {
      return false;
    }
  }

  private static void removeRunDirsOf(String user) {
    runDirsOf(user).forEach(d -> ScanFixtures.run("rm", "-rf", "--", d.toString()));
  }
}
