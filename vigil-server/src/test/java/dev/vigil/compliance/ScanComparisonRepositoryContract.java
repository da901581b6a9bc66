package dev.vigil.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.AsRecorded;
import dev.vigil.results.ComplianceReadModel;
import dev.vigil.results.ScanOrigin;
import dev.vigil.results.ScanRepository;
import dev.vigil.results.ScanStorage;
import dev.vigil.results.SecurityScan;
import dev.vigil.retention.ScanRetentionRepository;
import dev.vigil.scap.arf.ResultType;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The comparison look-ups against a real database (finish-time ties, null benchmarks, another
 * server, profile or benchmark); run on H2 and on PostgreSQL by subclasses.
 */
abstract class ScanComparisonRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
  private static final ScanStorage NONE = new ScanStorage(null, null, null, null, null, null);

  JdbcClient jdbc;
  ScanRepository scans;
  ScanComparisonRepository repo;
  long web01;
  long web02;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    scans = new ScanRepository(jdbc, new ComplianceReadModel(jdbc, dataSource()));
    repo = new ScanComparisonRepository(jdbc);
    web01 = server("web01");
    web02 = server("web02");
  }

  @Test
  void previousIsTheLatestEarlierScanOfTheSameServerProfileAndBenchmark() {
    long first = insert(web01, "p", "b", 0);
    long tiedLow = insert(web01, "p", "b", 10);
    long tiedHigh = insert(web01, "p", "b", 10);
    insert(web02, "p", "b", 15);
    insert(web01, "other-profile", "b", 15);
    insert(web01, "p", "other-benchmark", 15);
    long last = insert(web01, "p", "b", 20);
    insert(web01, "p", "b", 30);

    assertThat(repo.previous(find(last))).contains(tiedHigh);
    assertThat(repo.previous(find(tiedHigh))).contains(tiedLow);
    assertThat(repo.previous(find(tiedLow))).contains(first);
    assertThat(repo.previous(find(first))).isEmpty();
  }

  @Test
  void aScanWithoutBenchmarkFollowsOnlyScansWithoutOne() {
    long none = insert(web01, "p", null, 0);
    insert(web01, "p", "b", 5);
    long later = insert(web01, "p", null, 10);
    assertThat(repo.previous(find(later))).contains(none);
  }

  @Test
  void comparableScansAreTheServersOthersOfTheBenchmarkNewestFirst() {
    long old = insert(web01, "p", "b", 0);
    long otherProfile = insert(web01, "q", "b", 5);
    insert(web01, "p", "other-benchmark", 6);
    insert(web02, "p", "b", 7);
    long scan = insert(web01, "p", "b", 10);
    long newer = insert(web01, "p", "b", 20);
    assertThat(repo.comparable(find(scan), 10)).containsExactly(newer, otherProfile, old);
    assertThat(repo.comparable(find(scan), 2)).containsExactly(newer, otherProfile);
  }

  /**
   * The compliance read model (V32, V33) follows recording and deletion: the latest scan of a pair
   * (later finish, then higher id) whatever the order scans are recorded in, a deleted latest scan
   * makes the previous one the latest (pair and day), a deleted server takes its rows.
   */
  @Test
  void theComplianceReadModelKeepsTheLatestScanThroughRecordingAndDeletion() {
    ScanRetentionRepository retention =
        new ScanRetentionRepository(jdbc, new ComplianceReadModel(jdbc, dataSource()));
    long first = insert(web01, "p", "b", 0);
    long last = insert(web01, "p", "b", 20);
    long middle = insert(web01, "p", "b", 10);
    long other = insert(web01, "p", "other-benchmark", 5);
    long web02Scan = insert(web02, "p", "b", 1);
    assertThat(latest(web01, "b")).isEqualTo(last);
    assertThat(latest(web01, "other-benchmark")).isEqualTo(other);
    assertThat(latest(web02, "b")).isEqualTo(web02Scan);
    assertThat(dayScan(web01, "b")).isEqualTo(last);

    retention.delete(List.of(last));
    assertThat(latest(web01, "b")).isEqualTo(middle);
    assertThat(dayScan(web01, "b")).isEqualTo(middle);
    long tied = insert(web01, "p", "b", 10);
    assertThat(latest(web01, "b")).as("same finish: the higher id").isEqualTo(tied);
    retention.delete(List.of(tied, middle));
    assertThat(latest(web01, "b")).isEqualTo(first);
    assertThat(dayScan(web01, "b")).isEqualTo(first);
    assertThat(latest(web01, "other-benchmark")).isEqualTo(other);

    jdbc.sql("delete from servers where id = ?").param(web01).update();
    assertThat(
            jdbc.sql(
                    "select server_id from compliance_latest union all select server_id"
                        + " from compliance_days")
                .query(Long.class)
                .list())
        .containsOnly(web02);
  }

  /**
   * The latest scan of a job on a server: the later finish, then the higher id, whatever the order.
   */
  @Test
  void aJobsLatestScanOfAServerIsTheLaterWhateverTheRecordingOrder() {
    long job = dev.vigil.testsupport.TestRows.packageAndJob(jdbc, T0);
    ScanOrigin nightly = new ScanOrigin(job, "nightly", null, null);
    insertWith(scans, web01, "p", "b", 10, nightly);
    long later = insertWith(scans, web01, "p", "b", 20, nightly);
    insertWith(scans, web01, "p", "b", 5, nightly);
    assertThat(jobLatest(job, web01)).isEqualTo(later);
    long tied = insertWith(scans, web01, "p", "b", 20, nightly);
    assertThat(jobLatest(job, web01)).as("same finish: the higher id").isEqualTo(tied);
    assertThat(latest(web01, "b")).isEqualTo(tied);
  }

  private long jobLatest(long job, long server) {
    return jdbc.sql("select scan_id from compliance_job_latest where job_id = ? and server_id = ?")
        .params(job, server)
        .query(Long.class)
        .single();
  }

  @Test
  void twoScansOfOnePairRecordedAtOnceBothCommitAndTheLaterIsLatest() throws Exception {
    SingleConnectionDataSource main = (SingleConnectionDataSource) dataSource();
    SingleConnectionDataSource second =
        new SingleConnectionDataSource(main.getUrl(), main.getUsername(), main.getPassword(), true);
    JdbcClient secondJdbc = JdbcClient.create(second);
    ScanRepository secondScans =
        new ScanRepository(secondJdbc, new ComplianceReadModel(secondJdbc, second));
    Connection first = main.getConnection();
    first.setAutoCommit(false);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      long earlier = insert(web01, "p", "b", 10);
      // the second recording, of a later scan of the same pair, runs while the first is open
      Future<Long> later =
          other.submit(
              () -> {
                Connection c = second.getConnection();
                c.setAutoCommit(false);
                long id = insertWith(secondScans, web01, "p", "b", 20);
                c.commit();
                return id;
              });
      // give it time to reach the pair's rows (if it has not, the test proves less, never fails)
      Thread.sleep(1_000);
      first.commit();
      long laterId = later.get(30, TimeUnit.SECONDS);

      assertThat(latest(web01, "b")).isEqualTo(laterId).isNotEqualTo(earlier);
      assertThat(dayScan(web01, "b")).isEqualTo(laterId);
    } finally {
      other.shutdownNow();
      first.setAutoCommit(true);
      second.destroy();
    }
  }

  private long latest(long server, String benchmark) {
    return jdbc.sql(
            "select scan_id from compliance_latest where server_id = ? and benchmark_key = ?"
                + " and profile_id = 'p'")
        .params(server, benchmark)
        .query(Long.class)
        .single();
  }

  private long dayScan(long server, String benchmark) {
    return jdbc.sql(
            "select scan_id from compliance_days where server_id = ? and benchmark_key = ?"
                + " and profile_id = 'p'")
        .params(server, benchmark)
        .query(Long.class)
        .single();
  }

  private SecurityScan find(long id) {
    return scans.find(id).orElseThrow();
  }

  private long server(String name) {
    jdbc.sql(
            "insert into servers (name, ssh_host, ssh_port, privilege_mode, connection_type,"
                + " host_key_expected, created_at, updated_at)"
                + " values (?, 'localhost', 22, 'root', 'local', false, ?, ?)")
        .params(name, T0.atOffset(ZoneOffset.UTC), T0.atOffset(ZoneOffset.UTC))
        .update();
    return jdbc.sql("select id from servers where name = ?").param(name).query(Long.class).single();
  }

  private long insert(long serverId, String profile, String benchmark, int minute) {
    return insertWith(scans, serverId, profile, benchmark, minute);
  }

  private long insertWith(
      ScanRepository into, long serverId, String profile, String benchmark, int minute) {
    return insertWith(into, serverId, profile, benchmark, minute, ScanOrigin.NONE);
  }

  private long insertWith(
      ScanRepository into,
      long serverId,
      String profile,
      String benchmark,
      int minute,
      ScanOrigin origin) {
    Map<ResultType, Integer> counts = new EnumMap<>(ResultType.class);
    for (ResultType t : ResultType.values()) {
      counts.put(t, 1);
    }
    Instant end = T0.plusSeconds(60L * minute);
    return into.insert(
        new SecurityScan(
            0,
            serverId,
            serverId == web01 ? "web01" : "web02",
            null,
            "ssg",
            null,
            "ds.xml",
            benchmark,
            "1.0",
            profile,
            "tr",
            "complete",
            false,
            "1 pass",
            end.minusSeconds(30),
            end,
            50.0,
            100.0,
            "urn:xccdf:scoring:default",
            counts,
            null,
            null,
            "1.3.7",
            "admin",
            T0,
            origin,
            AsRecorded.NONE),
        NONE);
  }
}
