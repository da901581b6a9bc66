package dev.vigil.scheduling;

import java.time.Clock;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Start-up recovery of this node's work after a crash: tasks still marked as picked by this node's
 * name cannot be running (the node is only starting), so they are released to run again at once
 * instead of waiting for the dead-execution timeout. Their handlers see the half-done work (e.g. a
 * target run still "scanning") and recover it.
 */
final class NodeRecovery {

  private static final Logger log = LoggerFactory.getLogger(NodeRecovery.class);

  private final JdbcTemplate jdbc;
  private final String node;
  private final Clock clock;

  NodeRecovery(DataSource dataSource, String node, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.node = node;
    this.clock = clock;
  }

  /** Releases the tasks this node had picked before it stopped; returns how many. */
  int releaseOwnPicks() {
    int n =
        jdbc.update(
            "update scheduled_tasks set picked = false, picked_by = null, last_heartbeat = null,"
                + " execution_time = ?, version = version + 1 where picked = true and picked_by = ?",
            clock.instant().atOffset(ZoneOffset.UTC),
            node);
    if (n > 0) {
      log.warn("node {} recovers {} task(s) it was running when it stopped", node, n);
    }
    return n;
  }
}
