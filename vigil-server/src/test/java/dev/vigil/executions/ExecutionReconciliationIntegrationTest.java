package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.scheduling.TaskQueue;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The periodic reconciliation on a live node that does not restart: target runs left as a crashed
 * task leaves them (running, or handed over, with no task in the scheduler) are queued again and
 * end, an execution whose queued runs nothing hands over gets them handed over, and one whose runs
 * all ended is ended — each within the documented bound (reconcile grace + interval + the
 * scheduler's polling interval). A claim that fails on the database escapes to the scheduler
 * instead of being swallowed. Scans are real local oscap scans of the nine-results datastream.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:reconcile;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=2000",
      "vigil.access.admin-password=reconcile-admin-pw",
      "vigil.scheduler.polling-interval=200ms",
      "vigil.scheduler.node-name=node-alive",
      "vigil.executions.node-lost-retries=1",
      "vigil.executions.reconcile-interval=1s",
      "vigil.executions.reconcile-grace=2s"
    })
class ExecutionReconciliationIntegrationTest {

  /** reconcile-grace + reconcile-interval + polling-interval, and time for the claim to commit. */
  private static final Duration BOUND = Duration.ofSeconds(2 + 1 + 1 + 3);

  private static final Path contentRoot = tempDir();
  private static Path nineDs;

  @LocalServerPort int port;
  @Autowired ExecutionRepository repo;
  @Autowired TargetRunRecorder recorder;
  @Autowired TargetRunTask task;
  @Autowired TaskQueue queue;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  ExecutionApi exec;
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
    ApiClient api = new ApiClient(port).login("admin", "reconcile-admin-pw");
    exec = new ExecutionApi(api, null, nineDs);
    if (pkg == 0) {
      pkg = exec.readyPackage("reconcile-" + System.nanoTime());
    }
  }

  @Test
  void aRunLeftRunningWithItsTaskDeletedIsQueuedAgainWithoutARestartAndEndsDone() {
    long server = exec.localServer("stranded-" + System.nanoTime());
    TargetRun run = inTx(() -> claimed(newExecution(List.of(server), 1).get(0), "node-crashed"));
    deleteTask(run.id());
    Instant stranded = Instant.now();

    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> repo.findRun(run.id()).orElseThrow().attempt() >= 2);
    Duration taken = Duration.between(stranded, Instant.now());

    TargetRun ended = awaitEnded(run.id());
    assertThat(ended.status()).as(ended.output()).isEqualTo(TargetRunStatus.DONE);
    assertThat(ended.node()).isEqualTo("node-alive");
    assertThat(ended.output())
        .contains("attempt 2 on node-alive after node lost: node-crashed stopped");
    assertThat(scansOf(server)).isEqualTo(1);
    assertThat(repo.find(run.executionId()).orElseThrow().status())
        .isEqualTo(ExecutionStatus.COMPLETE);
    assertThat(taken).as("taken up within the documented bound").isLessThanOrEqualTo(BOUND);
  }

  @Test
  void aRunLeftRunningWithNoNodeLostRetryLeftIsFailedWithItsReason() {
    long server = exec.localServer("lost-twice-" + System.nanoTime());
    TargetRun run =
        inTx(
            () ->
                claimed(
                    claimed(newExecution(List.of(server), 1).get(0), "node-gone"), "node-crashed"));
    deleteTask(run.id());

    TargetRun ended = awaitEnded(run.id());

    assertThat(ended.status()).isEqualTo(TargetRunStatus.FAILED);
    assertThat(ended.failureCode()).isEqualTo("node_lost");
    assertThat(ended.reason()).contains("node lost: node-crashed stopped while it ran attempt 2");
    assertThat(repo.find(run.executionId()).orElseThrow().status())
        .isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void aHandedOverQueuedRunWithoutATaskIsQueuedAgainAndEndsDone() {
    long server = exec.localServer("no-task-" + System.nanoTime());
    TargetRun run = inTx(() -> handedOver(newExecution(List.of(server), 1).get(0)));

    assertThat(awaitEnded(run.id()).status()).isEqualTo(TargetRunStatus.DONE);
    assertThat(scansOf(server)).isEqualTo(1);
  }

  @Test
  void anExecutionWhoseQueuedRunsWereNeverHandedOverGetsThemHandedOverAndEnds() {
    long a = exec.localServer("never-a-" + System.nanoTime());
    long b = exec.localServer("never-b-" + System.nanoTime());
    List<TargetRun> runs = newExecution(List.of(a, b), 1);

    long execution = runs.get(0).executionId();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> repo.find(execution).orElseThrow().status().ended());
    assertThat(repo.find(execution).orElseThrow().status()).isEqualTo(ExecutionStatus.COMPLETE);
    assertThat(repo.runsOf(execution)).allMatch(r -> r.status() == TargetRunStatus.DONE);
  }

  @Test
  void anExecutionWhoseRunsAllEndedButWhichWasNotEndedIsEnded() {
    long server = exec.localServer("settled-" + System.nanoTime());
    // the run's end committed without the execution's (as no code path does, but a backstop must)
    TargetRun run =
        inTx(
            () -> {
              TargetRun r = claimed(newExecution(List.of(server), 1).get(0), "node-crashed");
              jdbc.sql("update target_runs set status = 'failed', reason = 'x' where id = ?")
                  .param(r.id())
                  .update();
              return r;
            });

    await().atMost(BOUND).until(() -> repo.find(run.executionId()).orElseThrow().status().ended());
    assertThat(repo.find(run.executionId()).orElseThrow().status())
        .isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void aClaimThatFailsOnTheDatabaseEscapesToTheSchedulerAndLeavesTheRunQueued() throws Exception {
    long server = exec.localServer("locked-" + System.nanoTime());
    // handed over with a task due in an hour: the scheduler and the reconciliation leave it alone
    TargetRun run =
        inTx(
            () -> {
              TargetRun r = handedOver(newExecution(List.of(server), 1).get(0));
              queue.enqueueAt(
                  TargetRunTask.NAME, Long.toString(r.id()), Instant.now().plusSeconds(3600));
              return r;
            });
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try {
      Future<?> held = holder.submit(() -> holdRowLock(run.id(), locked, release));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> task.execute(Long.toString(run.id())))
          .isInstanceOf(DataAccessException.class);

      release.countDown();
      held.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      holder.shutdownNow();
    }
    assertThat(repo.findRun(run.id()).orElseThrow().status()).isEqualTo(TargetRunStatus.QUEUED);
    assertThat(task.retryAfterFailure()).isEqualTo(Duration.ofSeconds(10));
  }

  private void holdRowLock(long runId, CountDownLatch locked, CountDownLatch release) {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    tx.executeWithoutResult(
        s -> {
          assertThat(repo.findRunForUpdate(runId)).isPresent();
          locked.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private <T> T inTx(java.util.function.Supplier<T> setUp) {
    return new TransactionTemplate(transactions).execute(s -> setUp.get());
  }

  /** The run claimed by {@code node}, with a task (due in an hour) as a claimed run has. */
  private TargetRun claimed(TargetRun run, String node) {
    TargetRun claimed = recorder.claim(run.id(), node).orElseThrow();
    queue.enqueueAt(TargetRunTask.NAME, Long.toString(run.id()), Instant.now().plusSeconds(3600));
    return claimed;
  }

  /** The run marked handed over, but with no task. */
  private TargetRun handedOver(TargetRun run) {
    jdbc.sql("update target_runs set dispatched_at = ? where id = ?")
        .params(OffsetDateTime.now(ZoneOffset.UTC), run.id())
        .update();
    return run;
  }

  /** An execution of a new job whose runs are queued and not handed over (no task). */
  private List<TargetRun> newExecution(List<Long> servers, int maxParallel) {
    long job = exec.job("reconcile-job-" + System.nanoTime(), pkg, servers, maxParallel);
    long id =
        repo.insert(
            JobExecution.start(
                job,
                "reconcile",
                "api",
                null,
                servers.size(),
                TestPlans.current(
                    jdbc,
                    pkg,
                    nineDs.getFileName().toString(),
                    ScanFixtures.NINE_PROFILE,
                    maxParallel),
                Instant.now()));
    for (int i = 0; i < servers.size(); i++) {
      repo.insertRun(TargetRun.queued(id, servers.get(i), "server-" + servers.get(i), i));
    }
    return repo.runsOf(id);
  }

  /** Deletes the run's task by SQL, as a crashed task's end would leave it. */
  private void deleteTask(long runId) {
    assertThat(
            jdbc.sql("delete from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(TargetRunTask.NAME, Long.toString(runId))
                .update())
        .isOne();
    assertThat(queue.isQueued(TargetRunTask.NAME, Long.toString(runId))).isFalse();
  }

  private TargetRun awaitEnded(long runId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> repo.findRun(runId).orElseThrow().status().ended());
    return repo.findRun(runId).orElseThrow();
  }

  private long scansOf(long server) {
    return jdbc.sql("select count(*) from security_scans where server_id = ?")
        .param(server)
        .query(Long.class)
        .single();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-reconcile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
