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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Deterministic database faults under a running execution of 24 targets (PostgreSQL only): the
 * node's connections carry their own {@code ApplicationName}; the test holds a run's row lock
 * ({@code for key share}: it blocks only the {@code for update} of a claim or of the recording) so
 * that exactly one backend of the node waits on it, found in {@code pg_stat_activity} by
 * application name, {@code wait_event_type = 'Lock'} and {@code pg_blocking_pids}, and terminated
 * with {@code pg_terminate_backend} — once during a claim, once during a recording; then one
 * recording waits past the database's {@code lock_timeout} (set with {@code ALTER DATABASE}) and
 * fails once. Every run still ends with one outcome, each done run with exactly one scan, the
 * execution ends, and the job's next execute is accepted. The reconciliation is set to 10 minutes,
 * so it is the target-run task itself that must not strand its run. Scans are made by the {@link
 * ScanDouble}.
 */
class DatabaseFaultSystemTest {

  private static final int TARGETS = 24;
  private static final int SLOTS = 4;
  private static final String PASSWORD = "fault-admin-pw";
  private static final String APP = "vigil-node-fault";
  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");

  @TempDir static Path content;
  private static PostgresDatabase db;
  private static SingleConnectionDataSource source;
  private static JdbcClient sql;
  private static VigilNode node;
  private static FleetApi fleet;
  private static ScanDouble.NineResults nine;

  @BeforeAll
  static void start() throws Exception {
    ScanFixtures.requireScanning();
    db = TestDatabases.postgres();
    source = (SingleConnectionDataSource) db.dataSource();
    sql = JdbcClient.create(source);
    sql.sql("alter database " + db.name() + " set lock_timeout = '5s'").update();
    nine = ScanDouble.recordNineResults(content);
    Map<String, String> s = new HashMap<>();
    s.put("spring.datasource.url", source.getUrl() + "?ApplicationName=" + APP);
    s.put("spring.datasource.username", source.getUsername());
    s.put("spring.datasource.password", source.getPassword() == null ? "" : source.getPassword());
    s.put("vigil.data-dir", content.resolve("data").toString());
    s.put("vigil.access.admin-password", PASSWORD);
    s.put("vigil.inventory.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
    s.put("vigil.packages.allowed-file-roots", content.toString());
    s.put("vigil.scheduler.polling-interval", "100ms");
    s.put("vigil.executions.reconcile-interval", "10m");
    s.put("vigil.scanning.max-concurrent", Integer.toString(SLOTS));
    node = VigilNode.start("fault", ScanDouble.of("fault", nine, Duration.ofMillis(20)), s);
    fleet = new FleetApi(new ApiClient(node.port()).login("admin", PASSWORD));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    TestDatabases.drop(db);
  }

  @Test
  void backendsTerminatedDuringAClaimAndARecordingAndALockTimeoutStrandNoRun() throws Exception {
    long pkg = fleet.readyPackage("nine-fault", nine.datastream());
    List<Long> servers = fleet.localServers("fault", TARGETS);
    long job =
        fleet.job(
            "faults",
            pkg,
            nine.datastream().getFileName().toString(),
            ScanFixtures.NINE_PROFILE,
            servers,
            SLOTS + 1);
    node.scans().hold();
    long execution = fleet.execute(job);
    // the node's scan slots all hold a claimed run; the window's last run is handed over but waits
    // for a slot, unclaimed (a hand-over skips a run whose row is locked, so it is locked only now)
    await().atMost(Duration.ofSeconds(30)).until(() -> node.scans().holding() == SLOTS);
    long recorded = runIn(execution, "connecting");
    long claimed = runIn(execution, "queued");

    String claimError;
    String recordingError;
    String recordedServer = serverOf(recorded);
    List<String> kept =
        node.scans().held().stream().filter(n -> !n.equals(recordedServer)).limit(2).toList();
    try (Connection recordLock = lockRun(recorded);
        Connection claimLock = lockRun(claimed)) {
      // every scan goes on but two of the held ones, which wait for the lock timeout below: held
      // scans of other runs are there for it however fast the rest of the execution runs
      node.scans().holdOnly(kept);
      // the run's recording waits on the test's lock: its backend is terminated
      recordingError = terminate(awaitWaiterBlockedBy(recordLock));
      recordLock.commit();
      // a slot frees and the waiting run's claim waits on the test's lock: terminated too
      claimError = terminate(awaitWaiterBlockedBy(claimLock));
      claimLock.commit();
    }
    long timedOut =
        lockTimeoutInARecording(execution, Set.of(serverOf(recorded), serverOf(claimed)));

    Map<String, Object> e = awaitEnd(execution);
    List<Map<String, Object>> runs = runs(execution);
    assertThat(runs)
        .as("every run ended done (%s, %s)", claimError, recordingError)
        .hasSize(TARGETS)
        .allSatisfy(r -> assertThat(r.get("status")).as(r.toString()).isEqualTo("done"));
    assertThat(e.get("status")).isEqualTo("complete");
    assertOneScanPerDoneRun(runs);
    assertThat(output(recorded))
        .as("the recording whose backend was terminated was tried again")
        .contains("attempt 2 on node-fault after database error")
        .contains("retry 1");
    assertThat(output(timedOut))
        .as("the recording that waited past lock_timeout failed once and was tried again")
        .contains("lock timeout")
        .contains("retry 1")
        .doesNotContain("retry 2");
    assertThat(attempt(claimed))
        .as("the failed claim committed nothing: its task ran again and claimed attempt 1")
        .isEqualTo(1);

    long next = fleet.execute(job);
    assertThat(next).isNotEqualTo(execution);
    awaitEnd(next);
  }

  /**
   * With the scans held, locks the row of a held (claimed) run other than {@code others}, lets the
   * scans go on and keeps the lock until that run's recording has waited past the lock timeout
   * once; returns that run.
   */
  private long lockTimeoutInARecording(long execution, Set<String> others) throws Exception {
    String[] server = new String[1];
    // a held scan of another run: two of the first four are still held
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              server[0] =
                  node.scans().held().stream()
                      .filter(n -> !others.contains(n))
                      .filter(n -> !"done".equals(statusOf(execution, n)))
                      .findFirst()
                      .orElse(null);
              return server[0] != null;
            });
    long run =
        sql.sql("select id from target_runs where execution_id = ? and server_name = ?")
            .params(execution, server[0])
            .query(Long.class)
            .single();
    try (Connection lock = lockRun(run)) {
      node.scans().release();
      awaitLockTimeout(awaitWaiterBlockedBy(lock));
      lock.commit();
    }
    return run;
  }

  private static String statusOf(long execution, String server) {
    return sql.sql("select status from target_runs where execution_id = ? and server_name = ?")
        .params(execution, server)
        .query(String.class)
        .single();
  }

  private static String serverOf(long run) {
    return sql.sql("select server_name from target_runs where id = ?")
        .param(run)
        .query(String.class)
        .single();
  }

  /**
   * Waits until the backend's wait ends: it no longer waits on a lock, or it started another
   * statement (the attempt after the timeout may wait on the same lock again).
   */
  private static void awaitLockTimeout(int pid) {
    Object started = queryStart(pid);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !waiting(pid) || !java.util.Objects.equals(started, queryStart(pid)));
  }

  private static Object queryStart(int pid) {
    return sql.sql("select query_start from pg_stat_activity where pid = ?")
        .param(pid)
        .query()
        .singleValue();
  }

  /** A connection of the test holding the run's row in key-share mode, its transaction open. */
  private static Connection lockRun(long runId) throws SQLException {
    Connection c =
        DriverManager.getConnection(
            source.getUrl() + "?ApplicationName=vigil-fault-test",
            source.getUsername(),
            source.getPassword() == null ? "" : source.getPassword());
    c.setAutoCommit(false);
    try (PreparedStatement st =
        c.prepareStatement("select id from target_runs where id = ? for key share")) {
      st.setLong(1, runId);
      st.executeQuery().close();
    }
    return c;
  }

  /** The one backend of the node waiting for a lock that {@code holder} holds. */
  private static int awaitWaiterBlockedBy(Connection holder) throws SQLException {
    int holderPid;
    try (Statement st = holder.createStatement();
        ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
      rs.next();
      holderPid = rs.getInt(1);
    }
    List<Integer>[] found = new List[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              found[0] =
                  sql.sql(
                          "select pid from pg_stat_activity where application_name = ?"
                              + " and wait_event_type = 'Lock' and ? = any(pg_blocking_pids(pid))")
                      .params(APP, holderPid)
                      .query(Integer.class)
                      .list();
              return !found[0].isEmpty();
            });
    assertThat(found[0]).as("exactly one backend waits on the test's lock").hasSize(1);
    return found[0].get(0);
  }

  private static boolean waiting(int pid) {
    return sql.sql(
                "select count(*) from pg_stat_activity where pid = ? and wait_event_type = 'Lock'")
            .param(pid)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Terminates the backend; returns the statement it was waiting in. */
  private static String terminate(int pid) {
    String query =
        sql.sql("select query from pg_stat_activity where pid = ?")
            .param(pid)
            .query(String.class)
            .single();
    assertThat(sql.sql("select pg_terminate_backend(?)").param(pid).query(Boolean.class).single())
        .isTrue();
    return query;
  }

  /** The first handed-over run of the execution in {@code status}. */
  private static long runIn(long execution, String status) {
    return sql.sql(
            "select id from target_runs where execution_id = ? and status = ?"
                + " and dispatched_at is not null order by position limit 1")
        .params(execution, status)
        .query(Long.class)
        .single();
  }

  private static String output(long run) {
    return sql.sql("select output from target_runs where id = ?")
        .param(run)
        .query(String.class)
        .single();
  }

  private static int attempt(long run) {
    return sql.sql("select attempt from target_runs where id = ?")
        .param(run)
        .query(Integer.class)
        .single();
  }

  private static Map<String, Object> awaitEnd(long execution) {
    Map<String, Object>[] e = new Map[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              e[0] =
                  sql.sql("select * from job_executions where id = ?")
                      .param(execution)
                      .query()
                      .singleRow();
              return ENDED.contains(e[0].get("status"));
            });
    return e[0];
  }

  private static List<Map<String, Object>> runs(long execution) {
    return sql.sql(
            "select id, server_id, server_name, status, reason, scan_id, attempt from target_runs"
                + " where execution_id = ? order by position")
        .param(execution)
        .query()
        .listOfRows();
  }

  private static void assertOneScanPerDoneRun(List<Map<String, Object>> runs) {
    Map<Long, Long> scans = new HashMap<>();
    sql.sql("select server_id, count(*) as n from security_scans group by server_id")
        .query((RowCallbackHandler) rs -> scans.put(rs.getLong("server_id"), rs.getLong("n")));
    Set<Long> scanIds = new HashSet<>();
    for (Map<String, Object> r : runs) {
      long server = ((Number) r.get("server_id")).longValue();
      boolean done = "done".equals(r.get("status"));
      assertThat(scans.getOrDefault(server, 0L)).as(r.toString()).isEqualTo(done ? 1L : 0L);
      if (done) {
        assertThat(scanIds.add(((Number) r.get("scan_id")).longValue())).isTrue();
      }
    }
  }
}
