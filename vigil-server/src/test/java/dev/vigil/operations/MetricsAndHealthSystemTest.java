package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Operations over HTTP: {@code /actuator/health} names the database and the scheduler, and {@code
 * /actuator/prometheus} (bearer token only) shows the counters a real execution moved: a package
 * fetched, a target run done and one failed on an unreachable SSH server, the execution ended, a
 * scan recorded, and the target-run duration histogram.
 */
@VigilSystemTest
class MetricsAndHealthSystemTest {

  private static final Path contentRoot =
      SystemTestContent.newFolder("vigil-metricsandhealthsystemtest");
  private static Path nineDs;
  private static SshdHarness sshd;

  @LocalServerPort int port;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    sshd = SshdHarness.start();
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void healthNamesTheDatabaseAndTheSchedulerWithoutSignIn() throws Exception {
    HttpResponse<String> r = anonymous("/actuator/health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode health = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body());
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
    assertThat(health.get("components").get("scheduler").get("status").asString()).isEqualTo("UP");
    assertThat(r.body()).as("no details for anonymous callers").doesNotContain("\"node\"");
  }

  @Test
  void prometheusNeedsATokenAndShowsWhatAnExecutionMoved() throws Exception {
    assertThat(anonymous("/actuator/prometheus").statusCode()).isEqualTo(401);
    ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    FleetApi fleet = new FleetApi(api);
    String before = scrape(api);

    long pkg = fleet.readyPackage("nine-metrics", nineDs);
    long good = fleet.localServers("metrics-local", 1).get(0);
    long down = unreachableSshServer(api);
    long job =
        fleet.job(
            "metrics-job",
            pkg,
            nineDs.getFileName().toString(),
            ScanFixtures.NINE_PROFILE,
            List.of(good, down),
            2);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger taskLog = (Logger) LoggerFactory.getLogger("dev.vigil.executions.TargetRunTask");
    logs.start();
    taskLog.addAppender(logs);
    long execution = fleet.execute(job);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                api.get("/api/job-executions/" + execution)
                    .json()
                    .get("jobExecution")
                    .get("status")
                    .asString()
                    .equals("failed"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                delta(before, scrape(api), "vigil_job_executions_ended_total", "status", "failed")
                    == 1);
    String after = scrape(api);
    taskLog.detachAppender(logs);
    assertThat(logs.list)
        .as("the failed run's log line carries its execution and run in the MDC")
        .anySatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).contains("metrics-down");
              assertThat(e.getMDCPropertyMap())
                  .containsEntry("executionId", Long.toString(execution))
                  .containsEntry("server", "metrics-down")
                  .containsKey("targetRunId")
                  .containsEntry(
                      "vigilContext",
                      " [execution "
                          + execution
                          + " run "
                          + e.getMDCPropertyMap().get("targetRunId")
                          + "]");
            });

    assertThat(delta(before, after, "vigil_package_fetches_total", "outcome", "ready"))
        .isEqualTo(1);
    assertThat(delta(before, after, "vigil_target_runs_ended_total", "status", "done"))
        .isEqualTo(1);
    assertThat(delta(before, after, "vigil_target_runs_ended_total", "status", "failed"))
        .isEqualTo(1);
    assertThat(delta(before, after, "vigil_target_runs_ended_total", "failure", "unreachable"))
        .isEqualTo(1);
    assertThat(delta(before, after, "vigil_scans_recorded_total", null, null)).isEqualTo(1);
    assertThat(delta(before, after, "vigil_ssh_failures_total", "reason", "unreachable"))
        .isEqualTo(1);
    assertThat(delta(before, after, "vigil_target_run_duration_seconds_count", "status", "done"))
        .isEqualTo(1);
    assertThat(after).contains("vigil_target_run_duration_seconds_bucket{");
    assertThat(delta(before, after, "vigil_job_executions_ended_total", "status", "complete"))
        .isZero();
  }

  private long unreachableSshServer(ApiClient api) {
    ApiClient.Response cred =
        api.post(
            "/api/credentials",
            "{\"credential\":{\"name\":\"metrics-key\",\"type\":\"username-keypair\","
                + "\"username\":\"root\",\"privateKey\":"
                + ApiClient.quote(sshd.userKey())
                + "}}");
    assertThat(cred.status()).as(cred.body()).isEqualTo(200);
    ApiClient.Response server =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\"metrics-down\",\"sshHost\":\""
                + sshd.host()
                + "\",\"sshPort\":1,\"credential\":{\"id\":"
                + cred.json().get("credential").get("id").asLong()
                + "},\"privilegeMode\":\"root\",\"connectionType\":\"ssh\"}}");
    assertThat(server.status()).as(server.body()).isEqualTo(200);
    return server.json().get("server").get("id").asLong();
  }

  private static String scrape(ApiClient api) {
    ApiClient.Response r = api.get("/actuator/prometheus");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** How much the samples of {@code name} with the label (none: all samples) grew. */
  private static double delta(String before, String after, String name, String label, String v) {
    return sum(after, name, label, v) - sum(before, name, label, v);
  }

  private static double sum(String exposition, String name, String label, String value) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#")
          || !(line.startsWith(name + "{") || line.startsWith(name + " "))
          || (label != null && !line.contains(label + "=\"" + value + "\""))) {
        continue;
      }
      total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return total;
  }

  private HttpResponse<String> anonymous(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
