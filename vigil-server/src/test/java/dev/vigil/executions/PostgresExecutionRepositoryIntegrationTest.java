package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The execution repository contract on PostgreSQL (skipped with a message when none is reachable).
 */
class PostgresExecutionRepositoryIntegrationTest extends ExecutionRepositoryContract {

  private PostgresDatabase db;

  @BeforeEach
  void database() {
    db = TestDatabases.postgres();
    setUp();
  }

  @AfterEach
  void dropDatabase() {
    TestDatabases.drop(db);
  }

  @Override
  DataSource dataSource() {
    return db.dataSource();
  }

  /**
   * Finishing runs of one execution hand over the next queued run each: one that another
   * transaction is handing over right now (its row locked, not yet committed) is skipped instead of
   * waited for, so the finishes of an execution do not queue behind each other's commits.
   */
  @Test
  void aHandOverSkipsTheRunAnotherTransactionIsHandingOverInsteadOfWaiting() throws Exception {
    Instant t0 = Instant.parse("2026-01-02T03:04:05Z");
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 3, PLAN, t0));
    for (int i = 0; i < 3; i++) {
      repo.insertRun(TargetRun.queued(id, 10 + i, "s" + i, i));
    }
    List<TargetRun> runs = repo.runsOf(id);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Connection handingOver = dataSource().getConnection()) {
      handingOver.setAutoCommit(false);
      try (Statement st = handingOver.createStatement()) {
        st.executeUpdate(
            "update target_runs set dispatched_at = now() where id = " + runs.get(0).id());
      }
      Future<List<Long>> next = other.submit(() -> repo.dispatch(id, 1, t0));
      assertThat(next.get(10, TimeUnit.SECONDS)).containsExactly(runs.get(1).id());
      handingOver.commit();
    } finally {
      other.shutdownNow();
    }
    assertThat(repo.dispatch(id, 5, t0)).containsExactly(runs.get(2).id());
    assertThat(repo.dispatch(id, 5, t0)).isEmpty();
  }
}
