package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * An execution scans what it pinned when it started: a job edited (another profile) and its package
 * refreshed to a new version while the execution runs change nothing of that execution's scans, and
 * the next execution uses the new ones. Three servers over a real loopback sshd, scanned one at a
 * time by the real oscap with a rule that sleeps, so the edits land while runs are still queued.
 */
@VigilSystemTest
class ExecutionPlanSystemTest {

  private static final int SLEEP_SECONDS = 4;
  private static final Path contentRoot =
      SystemTestContent.newFolder("vigil-executionplansystemtest");
  private static SshdHarness sshd;
  private static Path slowDs;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  ApiClient api;
  ExecutionApi exec;

  @BeforeAll
  static void startTarget() throws Exception {
    ScanFixtures.requireScanning();
    slowDs = ScanFixtures.slowDatastream(contentRoot, SLEEP_SECONDS);
    sshd = SshdHarness.start();
    sshd.authorize("root");
  }

  @AfterAll
  static void stopTarget() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    exec = new ExecutionApi(api, sshd, slowDs);
  }

  @Test
  void aJobEditAndAPackageRefreshDuringAnExecutionReachOnlyTheNextExecution() throws Exception {
    long pkg = exec.readyPackage("pinned");
    List<Long> servers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      servers.add(exec.sshServer("pinned-ssh-" + i));
    }
    long job = exec.job("pinned-job", pkg, servers, 1, ScanFixtures.SLOW_PROFILE);
    long v1 = currentVersion(pkg);
    long first = exec.execute(job);
    await().atMost(Duration.ofSeconds(30)).until(() -> !"queued".equals(runStates(first).get(0)));

    ApiClient.Response edited =
        api.put(
            "/api/jobs/" + job,
            "{\"job\":{\"securityProfile\":" + ApiClient.quote(ScanFixtures.QUICK_PROFILE) + "}}");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    Files.writeString(slowDs, "\n<!-- version 2 -->\n", StandardOpenOption.APPEND);
    ApiClient.Response refreshed = api.post("/api/security-packages/" + pkg + "/refresh", "{}");
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> currentVersion(pkg) != v1);
    long v2 = currentVersion(pkg);
    assertThat(runStates(first))
        .as("some runs of the execution start only after the edit and the refresh")
        .contains("queued");

    JsonNode ended = exec.awaitEnd(first);
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
    assertThat(scansOf(first))
        .hasSize(3)
        .allSatisfy(s -> assertThat(s).isEqualTo(Map.of(v1, ScanFixtures.SLOW_PROFILE)));
    assertPinned(ended, pkg, v1, 1, ScanFixtures.SLOW_PROFILE);
    assertThat(Pages.html(mvc, "/provisioning/jobs/executions/" + first, "admin"))
        .contains("version 1", ScanFixtures.SLOW_PROFILE);

    long next = exec.execute(job);
    JsonNode nextEnded = exec.awaitEnd(next);
    assertThat(nextEnded.get("status").asString()).isEqualTo("complete");
    assertThat(scansOf(next))
        .hasSize(3)
        .allSatisfy(s -> assertThat(s).isEqualTo(Map.of(v2, ScanFixtures.QUICK_PROFILE)));
    assertPinned(nextEnded, pkg, v2, 2, ScanFixtures.QUICK_PROFILE);
    assertPinned(
        api.get("/api/job-executions?max=1").json().get("jobExecutions").get(0),
        pkg,
        v2,
        2,
        ScanFixtures.QUICK_PROFILE);
  }

  @Test
  void aPackageAnActiveExecutionPinnedCannotBeDeletedEvenOnceItsJobIsGone() {
    long pkg = exec.readyPackage("pinned-delete");
    long job =
        exec.job(
            "pinned-delete-job",
            pkg,
            List.of(exec.sshServer("pinned-delete-ssh")),
            1,
            ScanFixtures.SLOW_PROFILE);
    long running = exec.execute(job);
    assertThat(api.delete("/api/jobs/" + job).status()).isEqualTo(200);

    ApiClient.Response refused = api.delete("/api/security-packages/" + pkg);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("msg").asString())
        .isEqualTo(
            "Security package pinned-delete is in use by execution "
                + running
                + " (job pinned-delete-job)");
    assertThat(api.get("/api/security-packages/" + pkg).status()).isEqualTo(200);

    JsonNode ended = exec.awaitEnd(running);
    assertThat(ended.get("status").asString())
        .as("the run scans by its plan though its job was deleted")
        .isEqualTo("complete");
    assertThat(api.delete("/api/security-packages/" + pkg).status()).isEqualTo(200);
  }

  /**
   * A re-run keeps the plan of the execution it re-runs: the server that could not be reached is
   * scanned once it can be (its address stays live), with the profile and package version the first
   * execution pinned, though the job and the package changed in between.
   */
  @Test
  void aReRunScansWithThePlanOfTheExecutionItReRuns() throws Exception {
    long pkg = exec.readyPackage("pinned-rerun");
    long reached = exec.sshServer("rerun-reached");
    long late = exec.sshServer("rerun-late");
    assertThat(api.put("/api/servers/" + late, "{\"server\":{\"sshPort\":1}}").status())
        .isEqualTo(200);
    long job =
        exec.job("pinned-rerun-job", pkg, List.of(reached, late), 2, ScanFixtures.QUICK_PROFILE);
    long v1 = currentVersion(pkg);
    long first = exec.execute(job);
    assertThat(exec.awaitEnd(first).get("status").asString()).isEqualTo("failed");

    ApiClient.Response edited =
        api.put(
            "/api/jobs/" + job,
            "{\"job\":{\"securityProfile\":" + ApiClient.quote(ScanFixtures.SLOW_PROFILE) + "}}");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    Files.writeString(
        slowDs, "\n<!-- re-run " + System.nanoTime() + " -->\n", StandardOpenOption.APPEND);
    assertThat(api.post("/api/security-packages/" + pkg + "/refresh", "{}").status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> currentVersion(pkg) != v1);
    assertThat(
            api.put("/api/servers/" + late, "{\"server\":{\"sshPort\":" + sshd.port() + "}}")
                .status())
        .isEqualTo(200);

    ApiClient.Response rerun = api.put("/api/job-executions/" + first + "/rerun", "{}");
    assertThat(rerun.status()).as(rerun.body()).isEqualTo(200);
    long second = rerun.json().get("jobExecution").get("id").asLong();
    JsonNode ended = exec.awaitEnd(second);
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
    assertThat(ended.get("totalCount").asInt()).isEqualTo(1);
    assertPinned(ended, pkg, v1, 1, ScanFixtures.QUICK_PROFILE);
    assertThat(scansOf(second)).containsExactly(Map.of(v1, ScanFixtures.QUICK_PROFILE));
  }

  private static void assertPinned(
      JsonNode execution, long pkg, long versionId, int versionNo, String profile) {
    JsonNode p = execution.get("securityPackage");
    assertThat(p.get("id").asLong()).isEqualTo(pkg);
    assertThat(p.get("versionId").asLong()).isEqualTo(versionId);
    assertThat(p.get("version").asInt()).isEqualTo(versionNo);
    assertThat(execution.get("securityProfile").asString()).isEqualTo(profile);
  }

  private long currentVersion(long pkg) {
    return api.get("/api/security-packages/" + pkg)
        .json()
        .get("securityPackage")
        .get("currentVersion")
        .get("id")
        .asLong();
  }

  private List<String> runStates(long execution) {
    List<String> states = new ArrayList<>();
    api.get("/api/job-executions/" + execution)
        .json()
        .get("jobExecution")
        .get("process")
        .get("events")
        .forEach(e -> states.add(e.get("targetStatus").asString()));
    return states;
  }

  /** The package version and profile of each scan the execution recorded. */
  private List<Map<Long, String>> scansOf(long execution) {
    return jdbc.sql(
            "select package_version_id, profile_id from security_scans where execution_id = ?"
                + " order by id")
        .param(execution)
        .query((rs, i) -> Map.of(rs.getLong(1), rs.getString(2)))
        .list();
  }
}
