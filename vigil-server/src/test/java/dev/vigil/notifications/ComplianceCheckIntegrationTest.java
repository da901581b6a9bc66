package dev.vigil.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.executions.ExecutionEnded;
import dev.vigil.executions.TargetRunEnded;
import dev.vigil.results.ScanRecorded;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The marks that replace a task per scan: a recorded scan or a failed run marks its server in the
 * transaction that records it (a rolled-back recording marks nothing), and the compliance check
 * deletes exactly the marks it read, never one committed after its read, even one with a lower id.
 * The scheduler is off, so the recurring check never runs: the test reads the marks itself.
 */
@VigilSystemTestWithoutScheduler
class ComplianceCheckIntegrationTest {

  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired ComplianceCheckTask check;

  @Test
  void aMarkCommitsWithTheScanOrTheFailedRunOrNotAtAll() {
    tx.executeWithoutResult(
        s -> {
          events.publishEvent(new ScanRecorded(1, 4101L));
          s.setRollbackOnly();
        });
    tx.executeWithoutResult(s -> events.publishEvent(new ScanRecorded(2, 4102L)));
    tx.executeWithoutResult(
        s -> events.publishEvent(new TargetRunEnded(3, 9, 4103L, "failed", true)));
    tx.executeWithoutResult(
        s -> events.publishEvent(new TargetRunEnded(4, 9, 4104L, "done", false)));

    assertThat(marks(4101)).as("rolled back with its scan").isZero();
    assertThat(marks(4102)).as("a recorded scan").isOne();
    assertThat(marks(4103)).as("a failed run").isOne();
    assertThat(marks(4104)).as("a done run: its scan marks it").isZero();
  }

  @Test
  void aFailedExecutionsNoticeIsQueuedInTheTransactionThatEndsItOrNotAtAll() {
    jdbc.sql(
            "insert into webhooks (name, url, secret_ciphertext, events, enabled, created_at,"
                + " updated_at) values ('ended-with-it', 'http://127.0.0.1:9/hook', ?,"
                + " 'execution.failed', true, current_timestamp, current_timestamp)")
        .param(new byte[] {1})
        .update();
    long hook =
        jdbc.sql("select id from webhooks where name = 'ended-with-it'").query(Long.class).single();
    try {
      ExecutionEnded failed =
          new ExecutionEnded(77, 5L, "nightly", "failed", 3, 1, 2, Instant.now(), "p", "ssg");
      tx.executeWithoutResult(
          s -> {
            events.publishEvent(failed);
            s.setRollbackOnly();
          });
      assertThat(deliveries(hook)).as("rolled back with the end").isZero();

      // read in the end's own transaction, after the listener and before the commit
      long[] beforeCommit = {-1};
      tx.executeWithoutResult(
          s -> {
            events.publishEvent(failed);
            TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                  @Override
                  public void beforeCommit(boolean readOnly) {
                    beforeCommit[0] = deliveries(hook);
                  }
                });
          });
      assertThat(beforeCommit[0]).as("queued in the transaction that ends it").isOne();
      assertThat(deliveries(hook)).as("committed with the end").isOne();

      tx.executeWithoutResult(
          s ->
              events.publishEvent(
                  new ExecutionEnded(
                      78, 5L, "nightly", "complete", 3, 3, 0, Instant.now(), "p", "ssg")));
      assertThat(deliveries(hook)).as("a complete execution is not notified").isOne();
    } finally {
      jdbc.sql("delete from webhooks where id = ?").param(hook).update();
    }
  }

  private long deliveries(long hook) {
    return jdbc.sql(
            "select count(*) from webhook_deliveries where webhook_id = ? and event ="
                + " 'execution.failed'")
        .param(hook)
        .query(Long.class)
        .single();
  }

  @Test
  void theCheckDeletesTheMarksItReadAndNotOneCommittedAfterItsRead() throws Exception {
    jdbc.sql("delete from compliance_pending").update();
    try (Connection late = dataSource.getConnection()) {
      late.setAutoCommit(false);
      // a lower id, committed only after the check has read the marks
      try (PreparedStatement p =
          late.prepareStatement("insert into compliance_pending (server_id) values (4201)")) {
        p.executeUpdate();
      }
      tx.executeWithoutResult(s -> events.publishEvent(new ScanRecorded(5, 4202L)));
      java.util.List<ComplianceWatchRepository.Mark> read =
          new ComplianceWatchRepository(jdbc).marks(ComplianceCheckTask.BATCH);
      assertThat(read).extracting(ComplianceWatchRepository.Mark::serverId).containsExactly(4202L);
      late.commit();
      tx.executeWithoutResult(s -> new ComplianceWatchRepository(jdbc).clear(read));
    }
    assertThat(marks(4202)).isZero();
    assertThat(marks(4201)).as("committed after the read: kept for the next round").isOne();

    assertThat(check.checkBatch()).as("the next round takes it").isOne();
    assertThat(marks(4201)).isZero();
    assertThat(check.checkBatch()).isZero();
  }

  private long marks(long serverId) {
    return jdbc.sql("select count(*) from compliance_pending where server_id = ?")
        .param(serverId)
        .query(Long.class)
        .single();
  }
}
