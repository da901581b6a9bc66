package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.UserRef;
import dev.vigil.shared.ListQuery;
import dev.vigil.testsupport.TestRows;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The execution repository against a real database; run on H2 and on PostgreSQL by subclasses. */
abstract class ExecutionRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");
  static final ExecutionPlan PLAN =
      new ExecutionPlan(5, "ssg", 9, 2, "ssg-ds.xml", "xccdf_p_standard", 30, 10, 1);

  JdbcClient jdbc;
  ExecutionRepository repo;
  long jobId;

  abstract DataSource dataSource();

  /**
   * A connection of its own to the test's database: {@link #dataSource()} hands out one shared
   * connection, in which "another transaction" would be the same one.
   */
  Connection separateConnection() throws java.sql.SQLException {
    org.springframework.jdbc.datasource.SingleConnectionDataSource single =
        (org.springframework.jdbc.datasource.SingleConnectionDataSource) dataSource();
    return java.sql.DriverManager.getConnection(
        single.getUrl(), single.getUsername(), single.getPassword());
  }

  /** A repository whose statements run in {@code c}. */
  private ExecutionRepository repositoryOn(Connection c) {
    return new ExecutionRepository(
        JdbcClient.create(
            new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true)),
        dataSource());
  }

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    repo = new ExecutionRepository(jdbc, dataSource());
    jobId = TestRows.packageAndJob(jdbc, T0);
  }

  @Test
  void storesAnExecutionWithItsRunsAndReadsEveryFieldBack() {
    UserRef admin = new UserRef(1, "admin", "Admin");
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", admin, 2, PLAN, T0));
    repo.insertRun(TargetRun.queued(id, 11, "web01", 0));
    repo.insertRun(TargetRun.queued(id, 12, "web02", 1));
    List<TargetRun> runs = repo.runsOf(id);
    assertThat(runs).extracting(TargetRun::serverName).containsExactly("web01", "web02");
    TargetRun done = runs.get(0).claim(T0, "n1").markDone(99, T0.plusSeconds(2));
    repo.updateRun(done);
    assertThat(repo.findRunForUpdate(done.id())).contains(done);
    JobExecution read = repo.find(id).orElseThrow();
    assertThat(read.createdBy()).isEqualTo(admin);
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.plan()).isEqualTo(PLAN);
    JobExecution derived =
        read.derive(List.of(TargetRunStatus.DONE, TargetRunStatus.QUEUED), T0.plusSeconds(2));
    repo.update(derived);
    assertThat(repo.findForUpdate(id)).contains(derived);
    assertThat(repo.executionOfRun(done.id())).contains(id);
  }

  @Test
  void handsEachQueuedRunOverOnceInTargetOrder() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 3, PLAN, T0));
    for (int i = 0; i < 3; i++) {
      repo.insertRun(TargetRun.queued(id, 10 + i, "s" + i, i));
    }
    List<Long> first = repo.dispatch(id, 2, T0);
    List<Long> next = repo.dispatch(id, 2, T0);
    assertThat(first).hasSize(2);
    assertThat(next).hasSize(1).doesNotContainAnyElementsOf(first);
    assertThat(repo.dispatch(id, 2, T0)).isEmpty();
    assertThat(repo.runsOf(id).get(2).id()).isEqualTo(next.get(0));
  }

  /**
   * A finishing run hands over the next queued run past its own position (the ones before it were
   * handed over), and the earliest queued one when none is past it (a run handed back).
   */
  @Test
  void aHandOverLooksPastTheFinishingRunThenAtTheWholeExecution() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 5, PLAN, T0));
    for (int i = 0; i < 5; i++) {
      repo.insertRun(TargetRun.queued(id, 10 + i, "s" + i, i));
    }
    List<Long> ids = repo.runsOf(id).stream().map(TargetRun::id).toList();
    assertThat(repo.dispatch(id, 2, T0)).containsExactly(ids.get(0), ids.get(1));
    assertThat(repo.dispatch(id, 1, T0, 1)).containsExactly(ids.get(2));
    // run 0 handed back: queued again, not handed over
    jdbc.sql("update target_runs set dispatched_at = null where id = ?").param(ids.get(0)).update();
    assertThat(repo.dispatch(id, 1, T0, 2)).containsExactly(ids.get(3));
    assertThat(repo.dispatch(id, 1, T0, 4))
        .as("none past 4: the earliest")
        .containsExactly(ids.get(0));
    assertThat(repo.dispatch(id, 1, T0, 0)).containsExactly(ids.get(4));
    assertThat(repo.dispatch(id, 1, T0, 0)).isEmpty();
  }

  /**
   * Finishing runs of one execution hand over the next queued run each: one that another
   * transaction is handing over right now (its row locked, not yet committed) is skipped instead of
   * waited for, so the finishes of an execution do not queue behind each other's commits.
   */
  @Test
  void aHandOverSkipsTheRunAnotherTransactionIsHandingOverInsteadOfWaiting() throws Exception {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 3, PLAN, T0));
    for (int i = 0; i < 3; i++) {
      repo.insertRun(TargetRun.queued(id, 10 + i, "s" + i, i));
    }
    List<TargetRun> runs = repo.runsOf(id);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Connection handingOver = separateConnection()) {
      handingOver.setAutoCommit(false);
      try (Statement st = handingOver.createStatement()) {
        st.executeUpdate(
            "update target_runs set dispatched_at = now() where id = " + runs.get(0).id());
      }
      Future<List<Long>> next = other.submit(() -> repo.dispatch(id, 1, T0));
      assertThat(next.get(10, TimeUnit.SECONDS)).containsExactly(runs.get(1).id());
      handingOver.commit();
    } finally {
      other.shutdownNow();
    }
    assertThat(repo.dispatch(id, 5, T0)).containsExactly(runs.get(2).id());
    assertThat(repo.dispatch(id, 5, T0)).isEmpty();
  }

  /**
   * A run's end writes nothing to its execution's row: while the execution runs, every read counts
   * its done and failed runs from the runs themselves, in one grouped query for a whole list.
   */
  @Test
  void aRunningExecutionIsReadWithItsRunsCountsAndMovesToRunningOnce() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 3, PLAN, T0));
    long other = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 1, PLAN, T0));
    for (int i = 0; i < 3; i++) {
      repo.insertRun(TargetRun.queued(id, 10 + i, "s" + i, i));
    }
    repo.insertRun(TargetRun.queued(other, 10, "s0", 0));
    List<TargetRun> runs = repo.runsOf(id);
    assertThat(repo.markRunning(id, T0.plusSeconds(1))).isTrue();
    assertThat(repo.markRunning(id, T0.plusSeconds(2))).isFalse();
    repo.updateRun(runs.get(0).claim(T0, "n1").markDone(99, T0.plusSeconds(2)));
    repo.updateRun(runs.get(1).claim(T0, "n1").markFailed("refused", "refused", T0));
    assertThat(repo.hasUnfinishedRuns(id)).isTrue();

    JobExecution read = repo.find(id).orElseThrow();
    assertThat(read.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(read.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(List.of(read.done(), read.failed())).containsExactly(1, 1);
    assertThat(repo.activeOf(jobId).orElseThrow().id()).isEqualTo(id);
    ListQuery all = new ListQuery(25, 0, null, null, null, true);
    assertThat(repo.list(ExecutionFilter.ofJob(jobId), all))
        .extracting(e -> e.id() + ":" + e.done() + "/" + e.failed())
        .containsExactly(other + ":0/0", id + ":1/1");

    repo.updateRun(runs.get(2).claim(T0, "n1").markDone(100, T0.plusSeconds(3)));
    assertThat(repo.hasUnfinishedRuns(id)).isFalse();
    JobExecution ended =
        repo.findForUpdate(id)
            .orElseThrow()
            .derive(
                List.of(TargetRunStatus.DONE, TargetRunStatus.FAILED, TargetRunStatus.DONE),
                T0.plusSeconds(4));
    repo.update(ended);
    assertThat(repo.find(id)).contains(ended);
    assertThat(List.of(ended.done(), ended.failed())).containsExactly(2, 1);
  }

  /**
   * A recording in flight holds a key-share lock on its execution's row through its foreign key
   * until it commits (PostgreSQL); the lock that derives the execution's status must not wait for
   * it, nor make new recordings wait behind it.
   */
  @Test
  void theExecutionsLockDoesNotWaitForARecordingInFlight() throws Exception {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 1, PLAN, T0));
    ExecutorService locker = Executors.newSingleThreadExecutor();
    try (Connection recording = separateConnection()) {
      recording.setAutoCommit(false);
      try (Statement st = recording.createStatement()) {
        st.executeUpdate(
            "insert into target_runs (execution_id, server_id, server_name, position, status)"
                + " values ("
                + id
                + ", 10, 's0', 0, 'queued')");
      }
      Future<Boolean> locked =
          locker.submit(
              () -> {
                try (Connection c = separateConnection()) {
                  c.setAutoCommit(false);
                  boolean found = repositoryOn(c).findForUpdate(id).isPresent();
                  c.rollback();
                  return found;
                }
              });
      assertThat(locked.get(10, TimeUnit.SECONDS)).isTrue();
      recording.rollback();
    } finally {
      locker.shutdownNow();
    }
  }

  @Test
  void findsTheActiveExecutionAndListsNewestFirstByJob() {
    long old = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 1, PLAN, T0));
    repo.update(repo.find(old).orElseThrow().derive(List.of(TargetRunStatus.DONE), T0));
    long current = repo.insert(JobExecution.start(jobId, "nightly", "manual", null, 1, PLAN, T0));
    assertThat(repo.activeOf(jobId)).map(JobExecution::id).contains(current);
    ListQuery all = new ListQuery(25, 0, null, null, null, true);
    assertThat(repo.list(ExecutionFilter.ofJob(jobId), all))
        .extracting(JobExecution::id)
        .containsExactly(current, old);
    assertThat(repo.list(ExecutionFilter.ofJob(null), new ListQuery(1, 1, null, null, null, true)))
        .extracting(JobExecution::id)
        .containsExactly(old);
    assertThat(repo.count(ExecutionFilter.ofJob(jobId))).isEqualTo(2);
    assertThat(repo.count(ExecutionFilter.ofJob(jobId + 1))).isZero();
    assertThat(repo.list(new ExecutionFilter(jobId, ExecutionStatus.COMPLETE), all))
        .extracting(JobExecution::id)
        .containsExactly(old);
  }

  @Test
  void anExecutionOutlivesItsJob() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 0, PLAN, T0));
    jdbc.sql("delete from jobs where id = ?").param(jobId).update();
    JobExecution kept = repo.find(id).orElseThrow();
    assertThat(kept.jobId()).isNull();
    assertThat(kept.jobName()).isEqualTo("nightly");
  }

  @Test
  void writesAnExecutionsRunsInFewStatementsAndNamesActiveExecutionsPinningAPackage() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 1201, PLAN, T0));
    List<TargetRun> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 1201; i++) {
      runs.add(TargetRun.queued(id, 1000 + i, "s" + i, i));
    }
    repo.insertRuns(runs);
    List<TargetRun> read = repo.runsOf(id);
    assertThat(read).hasSize(1201);
    assertThat(read.get(1200).serverId()).isEqualTo(2200);
    assertThat(read.get(1200).position()).isEqualTo(1200);
    assertThat(repo.activePinning(PLAN.packageId()))
        .containsExactly("execution " + id + " (job nightly)");
    assertThat(repo.activePinning(PLAN.packageId() + 1)).isEmpty();
    repo.update(
        repo.find(id)
            .orElseThrow()
            .derive(java.util.Collections.nCopies(1201, TargetRunStatus.DONE), T0));
    assertThat(repo.activePinning(PLAN.packageId()))
        .as("an ended execution pins nothing")
        .isEmpty();
  }
}
