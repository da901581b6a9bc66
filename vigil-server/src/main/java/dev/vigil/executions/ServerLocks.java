package dev.vigil.executions;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-server lock that keeps a scan and a remediation from running on one server at once. A
 * remediation run takes it only while no target run is active on the server; a target run's claim
 * finds it taken and waits (its task runs again later, the run stays queued). Both take the
 * server's row lock first, so a claim and a lock never pass each other.
 */
@Component
public class ServerLocks {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  ServerLocks(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Locks the server for remediation run {@code runId}; empty when locked (or already held by the
   * run), else why not: the scan running on it, or the other run holding it.
   */
  public Optional<String> lockForRemediation(long serverId, long runId, String node) {
    return tx.execute(
        s -> {
          rowLock(serverId);
          Optional<Long> holder = holder(serverId);
          if (holder.isPresent()) {
            return holder.get() == runId
                ? Optional.<String>empty()
                : Optional.of("remediation run " + holder.get() + " holds the server");
          }
          long active =
              jdbc.sql(
                      "select count(*) from target_runs where server_id = ?"
                          + " and status in ('connecting', 'scanning', 'collecting')")
                  .param(serverId)
                  .query(Long.class)
                  .single();
          if (active > 0) {
            return Optional.of(active + " scan(s) running on the server");
          }
          jdbc.sql(
                  "insert into remediation_locks (server_id, run_id, node, acquired_at)"
                      + " values (?, ?, ?, ?)")
              .params(serverId, runId, node, OffsetDateTime.now(clock))
              .update();
          return Optional.<String>empty();
        });
  }

  /** Releases the server if run {@code runId} holds it. */
  public void unlock(long serverId, long runId) {
    jdbc.sql("delete from remediation_locks where server_id = ? and run_id = ?")
        .params(serverId, runId)
        .update();
  }

  /** Releases every server run {@code runId} holds. */
  public void unlockAll(long runId) {
    jdbc.sql("delete from remediation_locks where run_id = ?").param(runId).update();
  }

  /**
   * Within the caller's transaction: the remediation run holding the server, after taking the
   * server's row lock so that no lock is taken until the caller commits.
   */
  Optional<Long> remediationHolding(long serverId) {
    rowLock(serverId);
    return holder(serverId);
  }

  private void rowLock(long serverId) {
    jdbc.sql("select id from servers where id = ? for update").param(serverId).query().listOfRows();
  }

  private Optional<Long> holder(long serverId) {
    return jdbc.sql("select run_id from remediation_locks where server_id = ?")
        .param(serverId)
        .query(Long.class)
        .optional();
  }
}
