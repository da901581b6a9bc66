package dev.vigil.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Start-up recovery releases the tasks a crash of this node left picked under its name, and only
 * those: another node's picks are its own business (the heartbeat timeout revives them if it died).
 */
@VigilSystemTestWithoutScheduler
class NodeRecoveryIntegrationTest {

  private static final OffsetDateTime LONG_AGO =
      Instant.parse("2026-01-01T00:00:00Z").atOffset(ZoneOffset.UTC);

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired NodeIdentity node;

  @Test
  void releasesOnlyTheTasksThisNodeHadPickedAndMakesThemDueNow() {
    assertThat(node.name()).isEqualTo(VigilSystemTestWithoutScheduler.NODE_NAME);
    picked("mine", VigilSystemTestWithoutScheduler.NODE_NAME);
    picked("theirs", "node-other");

    Instant before = Instant.now();
    int released = new NodeRecovery(dataSource, node.name(), Clock.systemUTC()).releaseOwnPicks();

    assertThat(released).isEqualTo(1);
    var mine = row("mine");
    assertThat(mine.picked()).isFalse();
    assertThat(mine.pickedBy()).isNull();
    assertThat(mine.version()).isEqualTo(8);
    assertThat(mine.due()).isAfterOrEqualTo(before.minusSeconds(1));
    var theirs = row("theirs");
    assertThat(theirs.picked()).isTrue();
    assertThat(theirs.pickedBy()).isEqualTo("node-other");
    assertThat(new NodeRecovery(dataSource, node.name(), Clock.systemUTC()).releaseOwnPicks())
        .isZero();
  }

  private record Row(boolean picked, String pickedBy, long version, Instant due) {}

  private void picked(String instance, String by) {
    jdbc.sql(
            "insert into scheduled_tasks (task_name, task_instance, execution_time, picked,"
                + " picked_by, last_heartbeat, version) values ('test-task', ?, ?, true, ?, ?, 7)")
        .params(instance, LONG_AGO, by, LONG_AGO)
        .update();
  }

  private Row row(String instance) {
    return jdbc.sql(
            "select picked, picked_by, version, execution_time from scheduled_tasks"
                + " where task_name = 'test-task' and task_instance = ?")
        .param(instance)
        .query(
            (rs, i) ->
                new Row(
                    rs.getBoolean(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getObject(4, OffsetDateTime.class).toInstant()))
        .single();
  }
}
