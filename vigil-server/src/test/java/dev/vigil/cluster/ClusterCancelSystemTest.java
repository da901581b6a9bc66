package dev.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import dev.vigil.testsupport.VigilProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two Vigil nodes as two separate JVM processes on one PostgreSQL database scan real sshd targets
 * on loopback, whose {@code oscap} is made slow by a wrapper earlier on the login's PATH (set by
 * the test's sshd for its login only; {@code /usr/bin/oscap} is untouched): a cancel sent to node A
 * while node B runs scans ends the execution cancelled within 10 s, with no oscap (nor its wrapper)
 * left running and no run directory left on the target; the run that was still queued never starts.
 */
class ClusterCancelSystemTest {

  private static final String PASSWORD = "cancel-admin-pw";
  private static final int TARGETS = 5;
  private static final int PARALLEL = 4;
  private static final Path WORK_DIR = Path.of("/var/tmp");

  @TempDir static Path dir;
  private static final String TOKEN =
      "vigil-xcancel-" + UUID.randomUUID().toString().substring(0, 8);
  private static final Path WRAPPER_DIR = WORK_DIR.resolve(TOKEN);
  private static PostgresDatabase db;
  private static JdbcClient sql;
  private static SshdHarness sshd;
  private static VigilProcess a;
  private static VigilProcess b;

  @BeforeAll
  static void start() throws Exception {
    ScanFixtures.requireScanning();
    slowOscapWrapper();
    sshd =
        SshdHarness.startWithConfig(
            List.of(
                "Match User root",
                "  SetEnv PATH=" + WRAPPER_DIR + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"));
    sshd.authorize("root");
    db = TestDatabases.postgres();
    sql = JdbcClient.create(db.dataSource());
    Path content = Files.createDirectories(dir.resolve("content"));
    ScanFixtures.nineResultsDatastream(content);
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    // node A takes one scan at a time, so node B runs most of them
    a = VigilProcess.start(args("a", key, content, 1), dir.resolve("a.log"));
    b = VigilProcess.start(args("b", key, content, 20), dir.resolve("b.log"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (VigilProcess p : new VigilProcess[] {a, b}) {
      if (p != null) {
        p.close();
      }
    }
    if (sshd != null) {
      sshd.close();
    }
    TestDatabases.drop(db);
    ScanFixtures.run("rm", "-rf", "--", WRAPPER_DIR.toString());
  }

  @Test
  void aCancelSentToNodeAEndsTheScansNodeBRunsWithinTenSecondsLeavingNothingOnTheTargets()
      throws Exception {
    ApiClient apiA = a.awaitLogin("admin", PASSWORD, 240);
    ApiClient apiB = b.awaitLogin("admin", PASSWORD, 240);
    FleetApi fleet = new FleetApi(apiA);
    Path ds = dir.resolve("content").resolve("nine-results-ds.xml");
    long pkg = fleet.readyPackage("nine-cancel", ds);
    List<Long> servers = new ArrayList<>();
    for (int i = 1; i <= TARGETS; i++) {
      servers.add(fleet.sshServer("cancel-ssh-" + i, sshd));
    }
    long job =
        fleet.job(
            "cancel-everywhere",
            pkg,
            ds.getFileName().toString(),
            ScanFixtures.NINE_PROFILE,
            servers,
            PARALLEL);
    // executed from node B, which picks the runs it dispatches at once: node A, at its one-scan
    // cap, was seen winning every pick of the runs it cannot take after the database fault tests
    // (see the stop 19 note), so that B never started one
    long execution = new FleetApi(apiB).execute(job);
    awaitScanningOnBothNodes(execution);

    long sent = System.nanoTime();
    ApiClient.Response cancel = apiA.put("/api/job-executions/" + execution + "/cancel", "{}");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    assertThat(cancelRecorded(execution)).as("recorded before the API answered").isTrue();

    try {
      await()
          .atMost(Duration.ofSeconds(10).minusNanos(System.nanoTime() - sent))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  "cancelled".equals(status(execution))
                      && processes().isEmpty()
                      && runDirs().isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "10 s after the cancel: execution "
              + status(execution)
              + ", runs "
              + runs(execution)
              + ", processes "
              + processes()
              + ", run directories "
              + runDirs()
              + "\nnode a:\n"
              + a.tail()
              + "\nnode b:\n"
              + b.tail(),
          e);
    }
    List<Map<String, Object>> runs = runs(execution);
    assertThat(runs)
        .hasSize(TARGETS)
        .allSatisfy(r -> assertThat(r.get("status")).as(r.toString()).isEqualTo("cancelled"));
    assertThat(runs.get(TARGETS - 1).get("started_at"))
        .as("the run still queued never started")
        .isNull();
    assertThat(scans()).as("no scan recorded").isZero();
  }

  /**
   * Waits until every handed-over run is scanning (its oscap wrapper running, its run directory
   * made), some on node B.
   */
  private static void awaitScanningOnBothNodes(long execution) {
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                List<Map<String, Object>> runs = runs(execution);
                long scanning =
                    runs.stream().filter(r -> "scanning".equals(r.get("status"))).count();
                long onB =
                    runs.stream()
                        .filter(r -> "scanning".equals(r.get("status")))
                        .filter(r -> "node-b".equals(r.get("node")))
                        .count();
                return scanning == PARALLEL
                    && onB > 0
                    && wrappers() >= PARALLEL
                    && runDirs().size() >= PARALLEL;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the scans did not all start: "
              + runs(execution)
              + "\nnode a:\n"
              + a.tail()
              + "\nnode b:\n"
              + b.tail(),
          e);
    }
  }

  private static List<String> args(String node, String key, Path content, int maxScans) {
    SingleConnectionDataSource ds = (SingleConnectionDataSource) db.dataSource();
    return List.of(
        "--spring.datasource.url=" + ds.getUrl(),
        "--spring.datasource.username=" + ds.getUsername(),
        "--spring.datasource.password=" + (ds.getPassword() == null ? "" : ds.getPassword()),
        "--vigil.data-dir=" + dir.resolve("data-" + node),
        "--vigil.access.admin-password=" + PASSWORD,
        "--vigil.inventory.master-key=" + key,
        "--vigil.packages.allowed-file-roots=" + content,
        "--vigil.scheduler.node-name=node-" + node,
        "--vigil.scheduler.polling-interval=200ms",
        "--vigil.scanning.max-concurrent=" + maxScans,
        "--logging.level.dev.vigil=INFO");
  }

  /**
   * TEST WRAPPER: an {@code oscap} in a directory of its own that, for an eval, first sleeps (a
   * copy of {@code sleep} named after this test, so that its processes are told apart from any
   * other) and then runs the real {@code /usr/bin/oscap}.
   */
  private static void slowOscapWrapper() throws IOException {
    Files.createDirectories(WRAPPER_DIR);
    Path sleep = WRAPPER_DIR.resolve(TOKEN + "-sleep");
    Files.copy(Path.of(ScanFixtures.run("sh", "-c", "command -v sleep").strip()), sleep);
    Path oscap = WRAPPER_DIR.resolve("oscap");
    Files.writeString(
        oscap,
        "#!/bin/sh\n"
            + "if [ \"$1\" = xccdf ]; then "
            + sleep
            + " 300; fi\n"
            + "exec /usr/bin/oscap \"$@\"\n");
    ScanFixtures.run("chmod", "755", WRAPPER_DIR.toString(), sleep.toString(), oscap.toString());
  }

  /** The wrapper's processes (its shell and its sleep) running on this machine (the targets). */
  private static List<String> processes() {
    return ScanFixtures.exitCode("pgrep", "-f", "--", TOKEN) == 0
        ? ScanFixtures.run("pgrep", "-a", "-f", "--", TOKEN).lines().toList()
        : List.of();
  }

  private static long wrappers() {
    return processes().stream().filter(p -> p.contains(TOKEN + "-sleep 300")).count();
  }

  /** This installation's run directories ({@code vigil-run.tr<id>-<installation>.*}). */
  private static List<Path> runDirs() throws IOException {
    String installation = sql.sql("select id from vigil_installation").query(String.class).single();
    try (Stream<Path> entries = Files.list(WORK_DIR)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("vigil-run.tr"))
          .filter(p -> p.getFileName().toString().contains("-" + installation + "."))
          .toList();
    }
  }

  private static String status(long execution) {
    return sql.sql("select status from job_executions where id = ?")
        .param(execution)
        .query(String.class)
        .single();
  }

  private static boolean cancelRecorded(long execution) {
    return sql.sql(
                "select count(*) from job_executions where id = ? and cancel_requested_at is not null")
            .param(execution)
            .query(Long.class)
            .single()
        == 1;
  }

  private static List<Map<String, Object>> runs(long execution) {
    return sql.sql(
            "select id, status, node, started_at, reason from target_runs where execution_id = ?"
                + " order by position")
        .param(execution)
        .query()
        .listOfRows();
  }

  private static long scans() {
    return sql.sql("select count(*) from security_scans").query(Long.class).single();
  }
}
