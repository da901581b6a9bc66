package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Connection retries of a job's target run against a real loopback sshd: a connection refused at
 * first is tried again with backoff and the run ends done, each attempt a line of its output and
 * the run's own attempt unchanged; a login refused or a changed host key is never tried again.
 */
@VigilSystemTestWithLimits
class ConnectRetrySystemTest {

  private static final Path contentRoot =
      SystemTestContent.newFolder("vigil-connectretrysystemtest");
  private static SshdHarness sshd;
  private static Path nineDs;

  @LocalServerPort int port;
  ApiClient api;
  ExecutionApi exec;

  @BeforeAll
  static void startTarget() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
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
  void aTargetThatListensOnlyAfterTheFirstAttemptEndsDoneOnConnectionAttemptTwo() throws Exception {
    long pkg = exec.readyPackage("nine-late");
    long server = exec.sshServer("late-ssh");
    long job = exec.job("late-target", pkg, List.of(server), 1);
    sshd.stop();
    long execution;
    try {
      execution = exec.execute(job);
      long started = execution;
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> output(run(started)).contains("connection attempt 1 of 4 failed"));
    } finally {
      sshd.restart();
    }
    JsonNode ended = exec.awaitEnd(execution);
    JsonNode run = ended.get("process").get("events").get(0);
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
    assertThat(run.get("attempt").asInt()).as("the run's own attempt").isEqualTo(1);
    assertThat(output(run))
        .contains("connection attempt 1 of 4 failed: cannot reach " + address())
        .contains("connection refused; next in ")
        .contains("connection attempt 2 of 4 to " + address() + " succeeded")
        .doesNotContain("connection attempt 3");
    assertThat(api.get("/api/security-scans?serverId=" + server).json().get("securityScans"))
        .hasSize(1);

    sshd.restartWithNewHostKey();
    try {
      JsonNode mismatch = exec.awaitEnd(exec.execute(job));
      JsonNode failed = mismatch.get("process").get("events").get(0);
      assertThat(failed.get("failureCode").asString()).isEqualTo("host-key-mismatch");
      assertThat(output(failed)).doesNotContain("connection attempt");
    } finally {
      api.put("/api/servers/" + server + "/accept-host-key", "{}");
    }
  }

  @Test
  void aKeyTheTargetRefusesIsNotTriedAgain() throws Exception {
    long pkg = exec.readyPackage("nine-refused");
    try (SshdHarness strict = SshdHarness.start()) {
      // the harness lets no user in: the stored key is refused at login
      long server = new FleetApi(api).sshServer("refusing-ssh", strict);
      JsonNode ended =
          exec.awaitEnd(exec.execute(exec.job("refused-key", pkg, List.of(server), 1)));
      JsonNode run = ended.get("process").get("events").get(0);
      assertThat(run.get("status").asString()).isEqualTo("failed");
      assertThat(run.get("failureCode").asString()).isEqualTo("authentication-failed");
      assertThat(run.get("attempt").asInt()).isEqualTo(1);
      assertThat(output(run)).doesNotContain("connection attempt");
    }
  }

  private JsonNode run(long execution) {
    return api.get("/api/job-executions/" + execution)
        .json()
        .get("jobExecution")
        .get("process")
        .get("events")
        .get(0);
  }

  private static String output(JsonNode run) {
    JsonNode output = run.get("output");
    return output == null || output.isNull() ? "" : output.asString();
  }

  private static String address() {
    return sshd.host() + ":" + sshd.port();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-connect-retry-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
