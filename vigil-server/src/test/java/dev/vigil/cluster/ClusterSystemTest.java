package dev.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanDouble;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import dev.vigil.testsupport.VigilNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two Vigil nodes (two whole application contexts, each on its own web port) on one PostgreSQL
 * database share the target runs of job executions through db-scheduler: every run ends once, with
 * one security scan, and when a node dies mid-execution the other one ends every run, the dead
 * node's included, without scanning any twice. Scans are made by the {@link ScanDouble} (a few
 * milliseconds each, real ARF parse and recording); PostgreSQL only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSystemTest {

  private static final int TARGETS = 200;
  private static final String PASSWORD = "cluster-admin-pw";
  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");

  @TempDir static Path content;
  private static PostgresDatabase db;
  private static ScanDouble.NineResults nine;
  private static VigilNode a;
  private static VigilNode b;
  private static FleetApi fleet;
  private static JdbcClient sql;
  private static long pkg;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    ScanFixtures.requireScanning();
    db = TestDatabases.postgres();
    sql = JdbcClient.create(db.dataSource());
    nine = ScanDouble.recordNineResults(content);
    Map<String, String> settings = settings((SingleConnectionDataSource) db.dataSource());
    a = VigilNode.start("a", ScanDouble.of("a", nine, Duration.ofMillis(3)), settings);
    b = VigilNode.start("b", ScanDouble.of("b", nine, Duration.ofMillis(3)), settings);
    fleet = new FleetApi(new ApiClient(a.port()).login("admin", PASSWORD));
    pkg = fleet.readyPackage("nine-cluster", nine.datastream());
  }

  @AfterAll
  static void stopNodes() {
    for (VigilNode node : new VigilNode[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
    TestDatabases.drop(db);
  }

  @Test
  @Order(1)
  void twoNodesShareAnExecutionAndEveryTargetRunEndsDoneOnceWithOneScan() {
    List<Long> servers = fleet.localServers("both", TARGETS);
    long job = job("both-nodes", servers, 40);

    long execution = fleet.execute(job);
    awaitEnd(execution, Duration.ofSeconds(90));

    Map<String, Object> e = execution(execution);
    assertThat(e.get("status")).as(e.toString()).isEqualTo("complete");
    assertThat(((Number) e.get("done_count")).intValue()).isEqualTo(TARGETS);
    List<Run> runs = runs(execution);
    assertThat(runs).hasSize(TARGETS).allSatisfy(r -> assertThat(r.status()).isEqualTo("done"));
    assertOneScanPerDoneRun(runs);
    List<String> byA = scannedOf(a, "both-");
    List<String> byB = scannedOf(b, "both-");
    assertThat(byA).as("node a scanned some target runs").isNotEmpty();
    assertThat(byB).as("node b scanned some target runs").isNotEmpty();
    List<String> all = new ArrayList<>(byA);
    all.addAll(byB);
    assertThat(all)
        .as("each target run was scanned by exactly one node, once")
        .hasSize(TARGETS)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(runs.stream().map(Run::server).toList());
    assertNoTargetRunTaskLeft();
  }

  @Test
  @Order(2)
  void whenANodeDiesMidExecutionTheOtherEndsEveryTargetRunWithoutScanningAnyTwice() {
    List<Long> servers = fleet.localServers("crash", TARGETS);
    long job = job("one-node-dies", servers, 40);
    b.scans().hold();

    long execution = fleet.execute(job);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> b.scans().holding() >= 4);
    b.crash();
    List<String> caught = b.scans().held();
    long crashed = System.nanoTime();
    assertThat(picked()).as("the dead node's picks stay picked in scheduled_tasks").isPositive();

    awaitEnd(execution, Duration.ofSeconds(60));
    Duration recovery = Duration.ofNanos(System.nanoTime() - crashed);

    List<Run> runs = runs(execution);
    assertThat(runs).hasSize(TARGETS);
    assertThat(runs)
        .as("every target run ended done, or failed as lost with its node")
        .allSatisfy(
            r -> {
              if (!r.status().equals("done")) {
                assertThat(r.status()).as(r.toString()).isEqualTo("failed");
                assertThat(r.reason()).as(r.toString()).contains("node lost");
              }
            });
    assertOneScanPerDoneRun(runs);
    Map<String, Run> byServer =
        runs.stream().collect(Collectors.toMap(Run::server, r -> r, (x, y) -> x));
    assertThat(caught)
        .as("the runs the dead node was scanning ended")
        .isNotEmpty()
        .allSatisfy(name -> assertThat(byServer.get(name).status()).isIn("done", "failed"));
    List<String> byA = scannedOf(a, "crash-");
    assertThat(byA)
        .as("the live node scanned every done run once, the dead node's retried ones included")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            runs.stream().filter(r -> r.status().equals("done")).map(Run::server).toList());
    assertThat(scannedOf(b, "crash-")).as("the dead node finished no scan").isEmpty();
    assertNoTargetRunTaskLeft();
    assertThat(recovery)
        .as("recovered within the dead-node window")
        .isLessThan(Duration.ofSeconds(60));
  }

  private static Map<String, String> settings(SingleConnectionDataSource ds) {
    Map<String, String> s = new HashMap<>();
    s.put("spring.datasource.url", ds.getUrl());
    s.put("spring.datasource.username", ds.getUsername());
    s.put("spring.datasource.password", ds.getPassword() == null ? "" : ds.getPassword());
    s.put("vigil.data-dir", content.resolve("data").toString());
    s.put("vigil.access.admin-password", PASSWORD);
    s.put("vigil.inventory.master-key", Base64.getEncoder().encodeToString(new byte[32]));
    s.put("vigil.packages.allowed-file-roots", content.toString());
    s.put("vigil.scheduler.threads", "8");
    s.put("vigil.scheduler.polling-interval", "100ms");
    s.put("vigil.scheduler.heartbeat-interval", "1s");
    return s;
  }

  private static long job(String name, List<Long> servers, int maxParallel) {
    return fleet.job(
        name,
        pkg,
        nine.datastream().getFileName().toString(),
        ScanFixtures.NINE_PROFILE,
        servers,
        maxParallel);
  }

  private static void awaitEnd(long execution, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ENDED.contains(execution(execution).get("status")));
  }

  private static Map<String, Object> execution(long id) {
    return sql.sql("select * from job_executions where id = ?").param(id).query().singleRow();
  }

  private static List<Run> runs(long execution) {
    return sql.sql(
            "select server_id, server_name, status, reason, scan_id from target_runs"
                + " where execution_id = ? order by position")
        .param(execution)
        .query(
            (rs, n) ->
                new Run(
                    rs.getLong("server_id"),
                    rs.getString("server_name"),
                    rs.getString("status"),
                    rs.getString("reason"),
                    (Long) rs.getObject("scan_id", Long.class)))
        .list();
  }

  /** Every done run points at its own scan; each server has one scan if done, none if not. */
  private static void assertOneScanPerDoneRun(List<Run> runs) {
    Map<Long, Long> scans = new HashMap<>();
    sql.sql("select server_id, count(*) as n from security_scans group by server_id")
        .query((RowCallbackHandler) rs -> scans.put(rs.getLong("server_id"), rs.getLong("n")));
    Set<Long> scanIds = new HashSet<>();
    for (Run r : runs) {
      boolean done = r.status().equals("done");
      assertThat(scans.getOrDefault(r.serverId(), 0L))
          .as("security scans of " + r.server() + " (" + r.status() + ")")
          .isEqualTo(done ? 1L : 0L);
      if (done) {
        assertThat(r.scanId()).as(r.toString()).isNotNull();
        assertThat(scanIds.add(r.scanId())).as("scan %s recorded once", r.scanId()).isTrue();
      }
    }
  }

  private static void assertNoTargetRunTaskLeft() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        sql.sql("select count(*) from scheduled_tasks where task_name = ?")
                            .param("target-run")
                            .query(Long.class)
                            .single())
                    .as("target-run tasks left in scheduled_tasks")
                    .isZero());
  }

  private static long picked() {
    return sql.sql("select count(*) from scheduled_tasks where task_name = ? and picked")
        .param("target-run")
        .query(Long.class)
        .single();
  }

  private static List<String> scannedOf(VigilNode node, String prefix) {
    return node.scans().scanned().stream().filter(n -> n.startsWith(prefix)).toList();
  }

  private record Run(long serverId, String server, String status, String reason, Long scanId) {}
}
