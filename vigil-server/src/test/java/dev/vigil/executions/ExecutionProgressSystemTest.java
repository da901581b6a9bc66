package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * While a target run scans, every node can see where it is: its state moves connecting → scanning →
 * collecting → done, and the rules oscap has evaluated are counted against the profile's rule
 * count. Real local oscap on a datastream whose second rule sleeps.
 */
@VigilSystemTest
class ExecutionProgressSystemTest {

  private static final Path contentRoot =
      SystemTestContent.newFolder("vigil-executionprogresssystemtest");
  private static Path slowDs;

  @LocalServerPort int port;
  @Autowired ExecutionService executions;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    slowDs = ScanFixtures.slowDatastream(contentRoot, 6);
  }

  @Test
  void aScanningRunShowsItsStateAndRulesEvaluatedOfTheProfilesRules() {
    ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    ExecutionApi exec = new ExecutionApi(api, null, slowDs);
    long pkg = exec.readyPackage("slow");
    long server = exec.localServer("progress-local");
    ApiClient.Response created =
        api.post(
            "/api/jobs",
            "{\"job\":{\"name\":\"progress\",\"targetType\":\"server\",\"targets\":[{\"refId\":"
                + server
                + "}],\"securityPackage\":{\"id\":"
                + pkg
                + "},\"scanPath\":"
                + ApiClient.quote(slowDs.getFileName().toString())
                + ",\"securityProfile\":"
                + ApiClient.quote(ScanFixtures.SLOW_PROFILE)
                + ",\"scheduleMode\":\"manual\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    long execution = exec.execute(created.json().get("job").get("id").asLong());

    List<TargetRunStatus> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              TargetRun r = executions.runs(execution).get(0);
              if (seen.isEmpty() || seen.get(seen.size() - 1) != r.status()) {
                seen.add(r.status());
              }
              return r.status() == TargetRunStatus.SCANNING
                  && Integer.valueOf(1).equals(r.rulesEvaluated());
            });
    TargetRun scanning = executions.runs(execution).get(0);
    assertThat(scanning.rulesTotal()).as("the profile selects two rules").isEqualTo(2);
    assertThat(scanning.attempt()).isEqualTo(1);
    JsonNode event =
        api.get("/api/job-executions/" + execution + "/events/" + scanning.id())
            .json()
            .get("processEvent");
    assertThat(event.get("status").asString()).isEqualTo("running");
    assertThat(event.get("targetStatus").asString()).isIn("scanning", "collecting");
    assertThat(event.get("rulesEvaluated").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(event.get("rulesTotal").asInt()).isEqualTo(2);
    assertThat(event.get("attempt").asInt()).isEqualTo(1);
    assertThat(event.get("output").asString()).startsWith("attempt 1 on ");

    JsonNode ended = exec.awaitEnd(execution);
    assertThat(ended.get("status").asString()).isEqualTo("complete");
    TargetRun done = executions.runs(execution).get(0);
    assertThat(done.status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(done.rulesEvaluated()).isEqualTo(2);
    seen.add(done.status());
    assertThat(seen).as("states never go back").isSortedAccordingTo(Enum::compareTo);
    assertThat(seen).contains(TargetRunStatus.SCANNING, TargetRunStatus.DONE);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-progress");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
