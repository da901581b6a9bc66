package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A job executed end to end through the REST API only: a package of the nine-results datastream,
 * local servers and a server over a real loopback sshd, target runs scanned by the real oscap.
 */
@VigilSystemTest
class ExecutionSystemTest {

  private static final Path contentRoot = SystemTestContent.newFolder("vigil-executionsystemtest");
  private static SshdHarness sshd;
  private static Path nineDs;
  private static ScanReport direct;

  @LocalServerPort int port;
  ApiClient api;
  ExecutionApi exec;

  @BeforeAll
  static void startTarget() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    direct = ScanFixtures.directNineResultsReport(nineDs);
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
    exec = new ExecutionApi(api, sshd, nineDs);
  }

  @Test
  void executesAJobOverLocalAndSshServersAndRecordsOneScanPerServer() {
    long pkg = exec.readyPackage("nine-all");
    List<Long> servers =
        List.of(
            exec.localServer("all-local-1"),
            exec.localServer("all-local-2"),
            exec.sshServer("all-ssh"));
    long job = exec.job("all-servers", pkg, servers, 2);
    long execution = exec.execute(job);
    ApiClient.Response again = api.put("/api/jobs/" + job + "/execute", "{}");
    assertThat(again.status()).as(again.body()).isEqualTo(400);
    assertThat(again.json().get("jobExecution").get("id").asLong()).isEqualTo(execution);
    assertThat(again.json().get("msg").asString())
        .isEqualTo("job all-servers is already running (execution " + execution + ")");
    JsonNode done = exec.awaitEnd(execution);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("complete");
    assertThat(done.get("doneCount").asInt()).isEqualTo(3);
    JsonNode events = done.get("process").get("events");
    assertThat(events).hasSize(3);
    events.forEach(ev -> assertThat(ev.get("status").asString()).isEqualTo("complete"));
    assertThat(events.get(2).get("displayName").asString()).isEqualTo("all-ssh");
    assertThat(done.get("duration").asLong()).isPositive();
    for (long server : servers) {
      assertOneScanLikeDirect(server);
      JsonNode scan = api.get("/api/security-scans?serverId=" + server).json();
      JsonNode made = scan.get("securityScans").get(0);
      assertThat(made.get("job").get("id").asLong()).isEqualTo(job);
      assertThat(made.get("job").get("name").asString()).isEqualTo("all-servers");
      assertThat(made.get("jobExecution").get("id").asLong()).isEqualTo(execution);
    }
    assertJobShowsItsExecution(job, execution);
  }

  @Test
  void anUnreachableServerFailsTheExecutionWithItsReasonWhileTheOthersAreDone() {
    long pkg = exec.readyPackage("nine-down");
    long down = exec.sshServer("down-ssh");
    api.put("/api/servers/" + down, "{\"server\":{\"sshPort\":1}}");
    long local = exec.localServer("down-local");
    long execution = exec.execute(exec.job("with-down", pkg, List.of(down, local), 10));
    JsonNode ended = exec.awaitEnd(execution);
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("failed");
    assertThat(ended.get("failedCount").asInt()).isEqualTo(1);
    Map<String, JsonNode> byName = new HashMap<>();
    ended
        .get("process")
        .get("events")
        .forEach(ev -> byName.put(ev.get("displayName").asString(), ev));
    JsonNode failed = byName.get("down-ssh");
    JsonNode event =
        api.get("/api/job-executions/" + execution + "/events/" + failed.get("id").asLong())
            .json()
            .get("processEvent");
    assertThat(event.get("error").asString()).isEqualTo(failed.get("error").asString());
    assertThat(api.get("/api/job-executions/" + execution + "/events/999999").status())
        .isEqualTo(404);
    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("failureCode").asString()).isEqualTo("unreachable");
    assertThat(failed.get("error").asString()).startsWith("unreachable");
    assertThat(byName.get("down-local").get("status").asString()).isEqualTo("complete");
    assertOneScanLikeDirect(local);
    api.put("/api/servers/" + down, "{\"server\":{\"sshPort\":" + sshd.port() + "}}");
    ApiClient.Response rerun = api.put("/api/job-executions/" + execution + "/rerun", "{}");
    assertThat(rerun.status()).as(rerun.body()).isEqualTo(200);
    JsonNode again = exec.awaitEnd(rerun.json().get("jobExecution").get("id").asLong());
    assertThat(again.get("status").asString()).as(again.toString()).isEqualTo("complete");
    assertThat(again.get("process").get("events")).hasSize(1);
    assertThat(again.get("process").get("events").get(0).get("displayName").asString())
        .isEqualTo("down-ssh");
    assertOneScanLikeDirect(down);
    assertOneScanLikeDirect(local);
  }

  @Test
  void aReadOnlyUserSeesExecutionsButCannotExecute() {
    long pkg = exec.readyPackage("nine-auditor");
    long job = exec.job("auditor-job", pkg, List.of(exec.localServer("auditor-local")), 10);
    TestUsers.create(api, "exec-auditor", "exec-auditor-pw-1", "Auditor");
    ApiClient auditor = new ApiClient(port).login("exec-auditor", "exec-auditor-pw-1");
    assertThat(auditor.put("/api/jobs/" + job + "/execute", "{}").status()).isEqualTo(403);
    assertThat(auditor.get("/api/job-executions?jobId=" + job).status()).isEqualTo(200);
    long execution = exec.execute(job);
    assertThat(auditor.put("/api/job-executions/" + execution + "/cancel", "{}").status())
        .isEqualTo(403);
    exec.awaitEnd(execution);
    assertThat(api.get("/api/job-executions?jobId=" + job).json().get("meta").get("total").asInt())
        .isOne();
  }

  @Test
  void cancellingEndsTheExecutionCancelledWithItsQueuedRunsNeverStarted() {
    long pkg = exec.readyPackage("nine-cancel");
    List<Long> servers =
        List.of(
            exec.localServer("cancel-1"),
            exec.localServer("cancel-2"),
            exec.localServer("cancel-3"));
    long execution = exec.execute(exec.job("to-cancel", pkg, servers, 1));
    ApiClient.Response cancelled = api.put("/api/job-executions/" + execution + "/cancel", "{}");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    JsonNode ended = exec.awaitEnd(execution);
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("cancelled");
    assertThat(ended.get("failedCount").asInt()).isZero();
    List<String> states = new java.util.ArrayList<>();
    ended.get("process").get("events").forEach(ev -> states.add(ev.get("targetStatus").asString()));
    assertThat(states.subList(1, 3)).containsOnly("cancelled");
    assertThat(api.put("/api/job-executions/" + execution + "/cancel", "{}").status())
        .isEqualTo(400);
  }

  private void assertOneScanLikeDirect(long server) {
    JsonNode listed = api.get("/api/security-scans?serverId=" + server).json();
    assertThat(listed.get("meta").get("total").asInt()).isEqualTo(1);
    JsonNode scan = listed.get("securityScans").get(0);
    assertThat(scan.get("failCount").asInt()).isEqualTo(direct.count(ResultType.FAIL));
    assertThat(scan.get("passCount").asInt()).isEqualTo(direct.count(ResultType.PASS));
  }

  private void assertJobShowsItsExecution(long job, long execution) {
    JsonNode body = api.get("/api/jobs/" + job).json();
    assertThat(body.get("job").get("lastResult").asString()).isEqualTo("complete");
    assertThat(body.get("job").get("lastRun").isNull()).isFalse();
    JsonNode got = body.get("executions");
    assertThat(got.get("meta").get("total").asInt()).isEqualTo(1);
    assertThat(got.get("jobExecutions").get(0).get("id").asLong()).isEqualTo(execution);
    JsonNode listed = api.get("/api/job-executions?jobId=" + job).json();
    assertThat(listed.get("jobExecutions").get(0).get("status").asString()).isEqualTo("complete");
    assertThat(
            api.get("/api/job-executions?jobId=" + job + "&status=failed")
                .json()
                .get("meta")
                .get("total")
                .asInt())
        .isZero();
    assertThat(api.get("/api/job-executions?status=bogus").status()).isEqualTo(400);
  }
}
