package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.results.ScanOrigin;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scheduling.NodeIdentity;
import dev.vigil.scheduling.RunLater;
import dev.vigil.scheduling.TaskQueue;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.StatementLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Node loss and recovery of target runs, driven step by step on one node: the claims another node
 * made are written as that node would have, then this node's task handler, recorder and start-up
 * reconciliation act on them. Scans are real local oscap scans of the nine-results datastream.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:recovery;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.access.admin-password=recovery-admin-pw",
      "vigil.scheduler.polling-interval=200ms",
      "vigil.scheduler.node-name=node-here",
      "vigil.scanning.max-concurrent=1",
      "vigil.executions.node-lost-retries=1",
      // runs set up by hand here must not be taken up by the periodic reconciliation
      "vigil.executions.reconcile-interval=1h"
    })
class TargetRunRecoveryIntegrationTest {

  /** Statements the test thread prepares are recorded ({@link StatementLog}). */
  @org.springframework.boot.test.context.TestConfiguration
  static class Counting {
    @org.springframework.context.annotation.Bean
    static org.springframework.beans.factory.config.BeanPostProcessor statementLog() {
      return StatementLog.wrapping();
    }
  }

  private static final Path contentRoot = tempDir();
  private static Path nineDs;

  @LocalServerPort int port;
  @Autowired ExecutionRepository repo;
  @Autowired TargetRunRecorder recorder;
  @Autowired TargetRunTask task;
  @Autowired ServerScanService scans;
  @Autowired ExecutionRecovery recovery;
  @Autowired ScanSlots slots;
  @Autowired TaskQueue queue;
  @Autowired NodeIdentity node;
  @Autowired JdbcClient jdbc;
  ExecutionApi exec;
  ApiClient api;
  static long pkg;

  @DynamicPropertySource
  static void roots(DynamicPropertyRegistry registry) {
    registry.add("vigil.packages.allowed-file-roots", () -> contentRoot.toString());
  }

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
  }

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", "recovery-admin-pw");
    exec = new ExecutionApi(api, null, nineDs);
    if (pkg == 0) {
      pkg = exec.readyPackage("recovery-" + System.nanoTime());
    }
  }

  @Test
  void aRunRevivedAfterItsNodeWasLostIsRetriedHereAndALateFinishOfTheLostAttemptRecordsNothing()
      throws Exception {
    long server = exec.localServer("revived-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    TargetRun lost = recorder.claim(run.id(), "node-gone").orElseThrow();
    assertThat(lost.attempt()).isEqualTo(1);

    task.execute(Long.toString(run.id()));

    TargetRun done = repo.findRun(run.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(done.node()).isEqualTo("node-here");
    assertThat(done.output())
        .contains("attempt 1 on node-gone")
        .contains(
            "attempt 2 on node-here after node lost: node-gone stopped while it ran attempt 1")
        .containsPattern("\\(oscap\\) [0-9.]+ exited 2 \\(some rules did not pass\\)")
        .contains("recorded as security scan " + done.scanId());
    assertThat(scansOf(server)).isEqualTo(1);

    ScanOrder order =
        new ScanOrder(
            server,
            pkg,
            nineDs.getFileName().toString(),
            profile(),
            Duration.ofMinutes(5),
            "node-gone");
    assertThatThrownBy(
            () ->
                scans.scan(
                    order,
                    new ScanControl(),
                    (s, o) -> recorder.markDoneInCurrentTransaction(lost, s.id(), "late", 0)))
        .isInstanceOf(TargetRunRecorder.StaleAttempt.class);
    assertThat(scansOf(server)).as("the lost attempt's late result is not recorded").isEqualTo(1);
    assertThat(recorder.finish(lost, r -> r.markFailed("late", "late", Instant.now()))).isFalse();
    assertThat(repo.findRun(run.id()).orElseThrow()).isEqualTo(done);
    assertThat(repo.find(run.executionId()).orElseThrow().status())
        .isEqualTo(ExecutionStatus.COMPLETE);
  }

  /**
   * The SQL of one target run from its claim to done, on the task's thread: the claim reads its
   * execution's status and cancel in one query and writes the run once, with the profile's rule
   * count (no separate progress write); the plan is read once per node and execution; the scan's
   * job comes from the insert itself (no separate read of the execution's job).
   */
  @Test
  void aTargetRunFromClaimToDoneReadsItsExecutionOnceAndWritesItsRunTwice() {
    long server = exec.localServer("bounded-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);

    List<String> sql = StatementLog.record(() -> task.execute(Long.toString(run.id())));

    TargetRun done = repo.findRun(run.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(done.rulesTotal()).as("written by the claim").isNotNull().isPositive();
    assertThat(count(sql, "update target_runs set status = ?, reason = ?"))
        .as("the claim and the end write the run, nothing between: %s", sql)
        .isEqualTo(2);
    assertThat(count(sql, "update target_runs set status = ?, rules_evaluated = ?"))
        .as("no progress write of the rule count")
        .isZero();
    assertThat(planReads(sql))
        .as("the execution (its plan) read once, for the first run of it on this node")
        .isEqualTo(1);
    assertThat(sql.stream().filter(s -> s.startsWith("select job_id from job_executions")))
        .as("the scan's job is read by its insert")
        .isEmpty();
    assertThat(count(sql, "select status, cancel_requested_at, cancel_reason from job_executions"))
        .as("the claim reads the execution's status and cancel in one query")
        .isEqualTo(1);

    TargetRun second = undispatchedRunOf(run.executionId(), server);
    List<String> again = StatementLog.record(() -> task.execute(Long.toString(second.id())));
    assertThat(repo.findRun(second.id()).orElseThrow().status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(planReads(again))
        .as("a later run of the same execution reads no plan: %s", again)
        .isZero();
  }

  /** Plain reads of an execution's row (not the locking ones of a status change). */
  private static long planReads(List<String> sql) {
    return sql.stream()
        .filter(s -> s.startsWith("select id, job_id, job_name, status"))
        .filter(s -> !s.contains("for update"))
        .count();
  }

  private static long count(List<String> sql, String text) {
    return sql.stream().filter(s -> s.toLowerCase().contains(text.toLowerCase())).count();
  }

  @Test
  void handBacksAndTimeoutRetriesDoNotUseUpTheNodeLostRetries() {
    long server = exec.localServer("handed-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    TargetRun first = recorder.claim(run.id(), "node-a").orElseThrow();
    assertThat(recorder.handBack(first, "handed back: node-a stopped")).isTrue();
    TargetRun queued = repo.findRun(run.id()).orElseThrow();
    assertThat(queued.status()).isEqualTo(TargetRunStatus.QUEUED);
    assertThat(queued.startedAt()).isNull();
    TargetRun second = recorder.claim(run.id(), "node-b").orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);
    TargetRun third = recorder.retry(second, "scan timed out; retry 1").orElseThrow();
    assertThat(third.attempt()).isEqualTo(3);

    TargetRun afterLoss = recorder.claim(run.id(), "node-c").orElseThrow();
    assertThat(afterLoss.attempt()).as("node-b lost: its one retry is still there").isEqualTo(4);
    assertThat(afterLoss.nodeLosses()).isEqualTo(1);
    assertThat(repo.findRun(run.id()).orElseThrow().nodeLosses()).isEqualTo(1);

    assertThat(recorder.claim(run.id(), "node-d")).as("a second loss fails it").isEmpty();
    assertThat(repo.findRun(run.id()).orElseThrow().failureCode()).isEqualTo("node_lost");
  }

  /**
   * The plan outlives what it was made from: handed back by a stopping node, the run is claimed
   * again after its job was deleted and its package refreshed, and scans the pinned version.
   */
  @Test
  void aRunHandedBackAndClaimedAgainScansItsExecutionsPlanNotTheJobOrPackageOfNow()
      throws Exception {
    long server = exec.localServer("planned-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    JobExecution execution = repo.find(run.executionId()).orElseThrow();
    ExecutionPlan plan = execution.plan();
    TargetRun first = recorder.claim(run.id(), "node-a").orElseThrow();
    assertThat(recorder.handBack(first, "handed back: node-a stopped")).isTrue();

    Files.writeString(
        nineDs, "\n<!-- refreshed " + System.nanoTime() + " -->\n", StandardOpenOption.APPEND);
    assertThat(api.post("/api/security-packages/" + pkg + "/refresh", "{}").status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> plan().packageVersionId() != plan.packageVersionId());
    assertThat(api.delete("/api/jobs/" + execution.jobId()).status()).isEqualTo(200);

    task.execute(Long.toString(run.id()));

    TargetRun done = repo.findRun(run.id()).orElseThrow();
    assertThat(done.status()).as(done.output()).isEqualTo(TargetRunStatus.DONE);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(
            jdbc.sql("select package_version_id, profile_id from security_scans where id = ?")
                .param(done.scanId())
                .query((rs, i) -> rs.getLong(1) + " " + rs.getString(2))
                .single())
        .isEqualTo(plan.packageVersionId() + " " + plan.profileId());
  }

  @Test
  void aRunHandedBackAfterItsExecutionWasCancelledIsCancelledByItsClaimAndNeverStartsAgain() {
    long server = exec.localServer("cancel-handback-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    TargetRun first = recorder.claim(run.id(), "node-a").orElseThrow();
    assertThat(recorder.cancel(run.executionId(), "cancelled by admin")).containsExactly(run.id());
    assertThat(repo.find(run.executionId()).orElseThrow().status())
        .as("a run still scans: the execution ends when it does")
        .isEqualTo(ExecutionStatus.RUNNING);
    assertThat(recorder.handBack(first, "handed back: node-a stopped")).isTrue();

    assertThat(recorder.claim(run.id(), "node-b")).isEmpty();

    TargetRun cancelled = repo.findRun(run.id()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(TargetRunStatus.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("cancelled by admin");
    assertThat(cancelled.attempt()).as("not claimed again").isEqualTo(1);
    assertThat(repo.find(run.executionId()).orElseThrow().status())
        .isEqualTo(ExecutionStatus.CANCELLED);
  }

  @Test
  void aRunWhoseNodesAreLostMoreOftenThanRetriesAllowFailsWithNodeLost() {
    long server = exec.localServer("lost-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    assertThat(recorder.claim(run.id(), "node-a").orElseThrow().attempt()).isEqualTo(1);
    TargetRun second = recorder.claim(run.id(), "node-b").orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.reason()).contains("node lost: node-a stopped");

    assertThat(recorder.claim(run.id(), "node-c")).isEmpty();

    TargetRun failed = repo.findRun(run.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(TargetRunStatus.FAILED);
    assertThat(failed.failureCode()).isEqualTo("node_lost");
    assertThat(failed.reason()).contains("node lost: node-b stopped while it ran attempt 2");
    assertThat(failed.output())
        .endsWith("node lost: node-b stopped while it ran attempt 2; no retries left");
    JobExecution e = repo.find(run.executionId()).orElseThrow();
    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.failed()).isEqualTo(1);
    assertThat(scansOf(server)).isZero();
  }

  @Test
  void aRunningRunThatLostItsTaskIsQueuedAgainAtStartUpAndEndsDone() {
    long server = exec.localServer("orphan-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    assertThat(recorder.claim(run.id(), "node-crashed")).isPresent();
    // claimed a minute ago: past the reconcile grace, which spares runs claimed a moment ago
    jdbc.sql("update target_runs set started_at = ? where id = ?")
        .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1), run.id())
        .update();
    assertThat(queue.isQueued(TargetRunTask.NAME, Long.toString(run.id()))).isFalse();

    assertThat(recovery.reconcile()).isGreaterThanOrEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> repo.findRun(run.id()).orElseThrow().status().ended());
    TargetRun ended = repo.findRun(run.id()).orElseThrow();
    assertThat(ended.status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(ended.attempt()).isEqualTo(2);
    assertThat(scansOf(server)).isEqualTo(1);
    assertThat(recovery.requeueStranded()).as("no stranded run left").isZero();
  }

  @Test
  void aNodeAtItsScanCapPutsTheRunBackWithoutClaimingIt() {
    long server = exec.localServer("capped-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    assertThat(slots.max()).isEqualTo(1);
    // the slot of an earlier test's run is given back just after that run's end is committed
    await().atMost(Duration.ofSeconds(10)).until(slots::tryTake);
    try {
      assertThatThrownBy(() -> task.execute(Long.toString(run.id())))
          .isInstanceOf(RunLater.class)
          .hasMessageContaining("all 1 scan slots of this node are busy");
      assertThat(repo.findRun(run.id()).orElseThrow().status()).isEqualTo(TargetRunStatus.QUEUED);
    } finally {
      slots.give();
    }
    assertThat(slots.inUse()).isZero();
  }

  @Test
  void aTimedOutAttemptIsClaimedAgainAsTheNextAttemptOfTheSameNode() {
    long server = exec.localServer("retry-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    TargetRun first = recorder.claim(run.id(), node.name()).orElseThrow();
    TargetRun second = recorder.retry(first, "scan timed out; retry 1").orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.status()).isEqualTo(TargetRunStatus.CONNECTING);
    assertThat(recorder.retry(first, "again")).as("a stale attempt cannot retry").isEmpty();
    assertThat(
            recorder.finish(
                second, r -> r.markTimedOut("too slow", "scan_timed_out", Instant.now())))
        .isTrue();
    assertThat(repo.findRun(run.id()).orElseThrow().status()).isEqualTo(TargetRunStatus.TIMED_OUT);
  }

  /**
   * A job deleted while its execution runs: the scan's live job link is null (no foreign key to a
   * deleted row) while it keeps the job's id and name as recorded, and the API shows the job as
   * deleted.
   */
  @Test
  void aScanRecordedAfterItsJobWasDeletedKeepsTheJobsIdAndName() throws Exception {
    long server = exec.localServer("orphaned-" + System.nanoTime());
    TargetRun run = undispatchedRun(server);
    JobExecution execution = repo.find(run.executionId()).orElseThrow();
    long job = execution.jobId();
    ExecutionPlan plan = execution.plan();
    ScanOrder order =
        new ScanOrder(
            server,
            plan.packageId(),
            plan.packageVersionId(),
            plan.scanPath(),
            plan.profileId(),
            plan.timeout(),
            "recovery",
            null,
            new ScanOrigin(job, execution.jobName(), execution.id(), run.id()));
    assertThat(api.delete("/api/jobs/" + job).status()).isEqualTo(200);

    long scanId = scans.scan(order, new ScanControl()).id();

    assertThat(
            jdbc.sql("select job_id, recorded_job_id, job_name from security_scans where id = ?")
                .param(scanId)
                .query(
                    (rs, i) ->
                        rs.getObject(1) + " " + rs.getObject(2, Long.class) + " " + rs.getString(3))
                .single())
        .isEqualTo("null " + job + " " + execution.jobName());
    ApiClient.Response r = api.get("/api/security-scans/" + scanId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode shown = r.json().get("securityScan").get("job");
    assertThat(shown.get("id").asLong()).isEqualTo(job);
    assertThat(shown.get("name").asString()).isEqualTo(execution.jobName());
    assertThat(shown.get("deleted").asBoolean()).isTrue();
  }

  private TargetRun undispatchedRun(long server) {
    long job = exec.job("recovery-job-" + System.nanoTime(), pkg, List.of(server), 10);
    long id =
        repo.insert(JobExecution.start(job, "recovery", "api", null, 1, plan(), Instant.now()));
    repo.insertRun(TargetRun.queued(id, server, "server-" + server, 0));
    return repo.runsOf(id).get(0);
  }

  /** One more queued run of the execution, not handed to the scheduler. */
  private TargetRun undispatchedRunOf(long executionId, long server) {
    int position = repo.runsOf(executionId).size();
    repo.insertRun(TargetRun.queued(executionId, server, "server-" + server, position));
    return repo.runsOf(executionId).get(position);
  }

  /** The plan an execute would pin now: the test package's current version, the nine profile. */
  private ExecutionPlan plan() {
    return TestPlans.current(jdbc, pkg, nineDs.getFileName().toString(), profile(), 10);
  }

  private long scansOf(long server) {
    return jdbc.sql("select count(*) from security_scans where server_id = ?")
        .param(server)
        .query(Long.class)
        .single();
  }

  private static String profile() {
    return ScanFixtures.NINE_PROFILE;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-recovery");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
