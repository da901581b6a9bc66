package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.VigilProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * What the database fault tests share: a slow execution over local servers on a Vigil process, the
 * outage as clients see it (503 in the Morpheus shape, a readable page, health DOWN), the recovery
 * (serving again, same process) and the execution completing with exactly one whole scan per run.
 */
final class DatabaseFaultFlow {

  static final String ADMIN_PASSWORD = "dbfault-admin-pw";
  static final int TARGETS = 3;
  private static final int SLOW_SECONDS = 10;

  private final VigilProcess vigil;
  private ApiClient api;
  private FleetApi fleet;

  DatabaseFaultFlow(VigilProcess vigil) {
    this.vigil = vigil;
  }

  /** Fails under CI=true, skips otherwise, when this test does not run as root. */
  static void requireRoot(String what) {
    if ("root".equals(System.getProperty("user.name"))) {
      return;
    }
    String why = what + " needs root (mount namespaces, tmpfs, runuser)";
    if (TestDatabases.ci()) {
      Assertions.fail(why + "; under CI=true it must run");
    }
    Assumptions.abort(why + "; skipping");
  }

  /** The settings every fault test gives Vigil besides its database. */
  static List<String> args(Path content) {
    return List.of(
        "--vigil.access.admin-password=" + ADMIN_PASSWORD,
        "--vigil.packages.allowed-file-roots=" + content,
        "--vigil.scheduler.polling-interval=200ms",
        "--vigil.scheduler.heartbeat-interval=1s",
        "--vigil.database.probe-interval=1s",
        "--logging.level.dev.vigil=INFO");
  }

  /** Signs in, adds the slow datastream, local servers and a job, and starts an execution. */
  long startSlowExecution(Path content) throws Exception {
    api = vigil.awaitLogin("admin", ADMIN_PASSWORD, 240);
    fleet = new FleetApi(api);
    Path ds = ScanFixtures.slowDatastream(content, SLOW_SECONDS);
    long pkg = fleet.readyPackage("slow", ds);
    List<Long> servers = fleet.localServers("dbfault", TARGETS);
    long job =
        fleet.job(
            "database-fault",
            pkg,
            ds.getFileName().toString(),
            ScanFixtures.SLOW_PROFILE,
            servers,
            TARGETS);
    return fleet.execute(job);
  }

  /** Waits until every target run of the execution is scanning. */
  void awaitScanning(long execution) {
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> scanning(execution) == TARGETS);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the scans did not all start: "
              + api.get("/api/job-executions/" + execution).body()
              + "\n"
              + vigil.tail(),
          e);
    }
  }

  private int scanning(long execution) {
    int n = 0;
    for (JsonNode ev : events(api.get("/api/job-executions/" + execution).json())) {
      n += "scanning".equals(ev.path("step").asString("")) ? 1 : 0;
    }
    return n;
  }

  /**
   * While the database is away: the API (bearer token) and the token endpoint answer 503 in the
   * Morpheus shape, a page answers a readable 503 page, health is DOWN with db DOWN.
   */
  void assertUnavailable(long execution) {
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> api.get("/api/job-executions/" + execution).status() == 503);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no 503 while the database is away: "
              + api.get("/api/job-executions/" + execution).body()
              + "\n"
              + vigil.tail(),
          e);
    }
    for (String path : List.of("/api/job-executions/" + execution, "/api/servers", "/api/whoami")) {
      ApiClient.Response r = api.get(path);
      assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(503);
      assertThat(r.json().get("success").asBoolean()).as(r.body()).isFalse();
      assertThat(r.json().get("msg").asString()).as(r.body()).contains("database");
    }
    assertThatThrownBy(() -> new ApiClient(vigil.port()).login("admin", ADMIN_PASSWORD))
        .hasMessageContaining("503")
        .hasMessageContaining("\"success\":false")
        .hasMessageContaining("database");
    ApiClient anonymous = new ApiClient(vigil.port());
    ApiClient.Response page = anonymous.get("/login");
    assertThat(page.status()).isEqualTo(503);
    assertThat(page.body()).contains("<h1>Database unavailable</h1>").contains("try again later");
    ApiClient.Response health = anonymous.get("/actuator/health");
    assertThat(health.status()).as(health.body()).isEqualTo(503);
    assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
    assertThat(health.json().get("components").get("db").get("status").asString())
        .isEqualTo("DOWN");
  }

  /** The same process serves again: health UP, the API answers 200. */
  void awaitServing(long execution, long pid) {
    ApiClient anonymous = new ApiClient(vigil.port());
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  anonymous.get("/actuator/health").status() == 200
                      && api.get("/api/job-executions/" + execution).status() == 200);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "not serving again: "
              + anonymous.get("/actuator/health").body()
              + " "
              + api.get("/api/job-executions/" + execution).body()
              + "\n"
              + vigil.tail(),
          e);
    }
    assertThat(vigil.pid()).as("the same process, not restarted").isEqualTo(pid);
    assertThat(anonymous.get("/actuator/health").json().get("components").get("db").get("status"))
        .hasToString("\"UP\"");
  }

  /**
   * The execution completes: every target run done with exactly one security scan of its server,
   * and every scan whole (its rule results and its ARF).
   */
  void assertCompletesWithOneWholeScanPerRun(long execution) {
    JsonNode ended;
    try {
      ended = fleet.awaitEnd(execution, Duration.ofMinutes(5));
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage() + "\n" + vigil.tail(), e);
    }
    List<String> seen = new ArrayList<>();
    for (JsonNode ev : ended.get("process").get("events")) {
      seen.add(ev.get("displayName").asString() + ": " + ev.get("targetStatus").asString());
      assertThat(ev.get("targetStatus").asString()).as(ev.toString()).isEqualTo("done");
      JsonNode scans = api.get("/api/security-scans?serverId=" + ev.get("refId").asLong()).json();
      assertThat(scans.get("meta").get("total").asLong()).as("scans of " + ev).isEqualTo(1);
      long scan = scans.get("securityScans").get(0).get("id").asLong();
      JsonNode rules = api.get("/api/security-scans/" + scan + "/rules").json();
      assertThat(rules.get("meta").get("total").asLong())
          .as("rule rows of scan " + scan)
          .isEqualTo(2);
      ApiClient.Response arf = api.get("/api/security-scans/" + scan + "/arf");
      assertThat(arf.status()).as("ARF of scan " + scan).isEqualTo(200);
      assertThat(arf.body()).as("ARF of scan " + scan).contains("asset-report-collection");
    }
    assertThat(seen).hasSize(TARGETS);
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
  }

  private static JsonNode events(JsonNode executionBody) {
    return executionBody.get("jobExecution").get("process").get("events");
  }
}
