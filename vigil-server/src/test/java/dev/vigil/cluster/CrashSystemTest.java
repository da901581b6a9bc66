package dev.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.VigilProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Vigil killed with SIGKILL while its target runs are scanning over a real sshd, then started again
 * on the same H2 file database: every target run ends (done, or failed as lost with its node), each
 * done one with exactly one security scan, and no run directory of the killed scans is left on the
 * target. Vigil runs as a separate JVM from this test's class path.
 */
class CrashSystemTest {

  private static final String USER = "vigil-crash";
  private static final String PASSWORD = "crash-Pass-456";
  private static final String ADMIN_PASSWORD = "crash-admin-pw";
  private static final int TARGETS = 3;
  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");
  private static final Path WORK_DIR = Path.of("/var/tmp");

  @TempDir static Path dir;
  private static SshdHarness sshd;
  private static Path slowDs;

  @BeforeAll
  static void startTarget() throws Exception {
    ScanFixtures.requireScanning();
    sshd = SshdHarness.start();
    sshd.authorize(USER);
    SshdHarness.ensureUser(USER, true, PASSWORD);
    Path content = Files.createDirectories(dir.resolve("content"));
    slowDs = ScanFixtures.slowDatastream(content, 8 + ThreadLocalRandom.current().nextInt(4));
    removeRunDirs();
  }

  @AfterAll
  static void stopTarget() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void killedMidScanAndRestartedEveryTargetRunEndsWithOneScanAndNoRunDirectoryLeft()
      throws Exception {
    List<String> args =
        List.of(
            "--vigil.data-dir=" + dir.resolve("data"),
            "--vigil.access.admin-password=" + ADMIN_PASSWORD,
            "--vigil.packages.allowed-file-roots=" + slowDs.getParent(),
            "--vigil.scheduler.polling-interval=200ms",
            "--vigil.scheduler.heartbeat-interval=1s",
            "--logging.level.dev.vigil=INFO");
    try (VigilProcess vigil = VigilProcess.start(args, dir.resolve("vigil.log"))) {
      ApiClient first = vigil.awaitLogin("admin", ADMIN_PASSWORD, 180);
      long execution = executeSlowJob(first);
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> allScanning(first, execution) && runDirs().size() == TARGETS);
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            "the scans did not all start: "
                + first.get("/api/job-executions/" + execution).body()
                + "\nrun directories: "
                + runDirs()
                + "\n"
                + vigil.tail(),
            e);
      }

      vigil.kill();
      assertThat(runDirs()).as("the killed scans' run directories").hasSize(TARGETS);
      vigil.restart();
      ApiClient api = vigil.awaitLogin("admin", ADMIN_PASSWORD, 180);

      JsonNode ended = awaitEnd(api, execution, vigil);
      List<String> seen = new ArrayList<>();
      for (JsonNode ev : ended.get("process").get("events")) {
        String status = ev.get("targetStatus").asString();
        seen.add(ev.get("displayName").asString() + ": " + status + " " + ev.get("error"));
        assertThat(status).as(ev.toString()).isIn("done", "failed");
        if (status.equals("failed")) {
          assertThat(ev.get("error").asString()).as(ev.toString()).contains("node lost");
        }
        long scans =
            api.get("/api/security-scans?serverId=" + ev.get("refId").asLong())
                .json()
                .get("meta")
                .get("total")
                .asLong();
        assertThat(scans).as("scans of " + ev).isEqualTo(status.equals("done") ? 1 : 0);
      }
      assertThat(seen).hasSize(TARGETS);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(runDirs()).as("run directories left on the target").isEmpty());
    }
  }

  private long executeSlowJob(ApiClient api) {
    long pkg =
        create(
            api,
            "/api/security-packages",
            "{\"securityPackage\":{\"name\":\"slow\",\"url\":"
                + ApiClient.quote(slowDs.toUri().toString())
                + "}}",
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                api.get("/api/security-packages/" + pkg)
                    .json()
                    .get("securityPackage")
                    .get("status")
                    .asString()
                    .equals("ready"));
    long cred =
        create(
            api,
            "/api/credentials",
            "{\"credential\":{\"name\":\"crash-user\",\"type\":\"username-password\","
                + "\"username\":\""
                + USER
                + "\",\"password\":\""
                + PASSWORD
                + "\"}}",
            "credential");
    StringBuilder targets = new StringBuilder();
    for (int i = 1; i <= TARGETS; i++) {
      long server =
          create(
              api,
              "/api/servers",
              "{\"server\":{\"name\":\"crash-ssh-"
                  + i
                  + "\",\"sshHost\":\""
                  + sshd.host()
                  + "\",\"sshPort\":"
                  + sshd.port()
                  + ",\"credential\":{\"id\":"
                  + cred
                  + "},\"privilegeMode\":\"sudo\",\"connectionType\":\"ssh\"}}",
              "server");
      targets.append(i > 1 ? "," : "").append("{\"refId\":").append(server).append('}');
    }
    long job =
        create(
            api,
            "/api/jobs",
            "{\"job\":{\"targetType\":\"server\",\"targets\":["
                + targets
                + "],\"securityPackage\":{\"id\":"
                + pkg
                + "},\"scanPath\":"
                + ApiClient.quote(slowDs.getFileName().toString())
                + ",\"securityProfile\":"
                + ApiClient.quote(ScanFixtures.SLOW_PROFILE)
                + ",\"name\":\"killed-mid-scan\",\"scheduleMode\":\"manual\",\"maxParallel\":"
                + TARGETS
                + "}}",
            "job");
    ApiClient.Response r = api.put("/api/jobs/" + job + "/execute", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("jobExecution").get("id").asLong();
  }

  private static boolean allScanning(ApiClient api, long execution) {
    JsonNode events =
        api.get("/api/job-executions/" + execution)
            .json()
            .get("jobExecution")
            .get("process")
            .get("events");
    int scanning = 0;
    for (JsonNode ev : events) {
      boolean active = Set.of("connecting", "scanning").contains(ev.get("targetStatus").asString());
      scanning += active && "scanning".equals(ev.path("step").asString("")) ? 1 : 0;
    }
    return scanning == TARGETS;
  }

  private static JsonNode awaitEnd(ApiClient api, long execution, VigilProcess vigil) {
    JsonNode[] last = new JsonNode[1];
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                last[0] = api.get("/api/job-executions/" + execution).json().get("jobExecution");
                return ENDED.contains(last[0].get("status").asString());
              });
    } catch (RuntimeException e) {
      throw new AssertionError("execution did not end: " + last[0] + "\n" + vigil.tail(), e);
    }
    return last[0];
  }

  private static long create(ApiClient api, String path, String body, String key) {
    ApiClient.Response r = api.post(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }

  /** The run directories of {@link #USER}'s scans in the target's work directory. */
  private static List<Path> runDirs() throws IOException {
    try (Stream<Path> entries = Files.list(WORK_DIR)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("vigil-run."))
          .filter(p -> owner(p).equals(USER))
          .toList();
    }
  }

  private static void removeRunDirs() throws IOException {
    for (Path run : runDirs()) {
      ScanFixtures.run("rm", "-rf", "--", run.toString());
    }
  }

  private static String owner(Path p) {
    try {
      return Files.getOwner(p).getName();
    } catch (IOException gone) {
      return "";
    }
  }
}
