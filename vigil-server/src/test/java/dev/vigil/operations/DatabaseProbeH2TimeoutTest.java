package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * H2 keeps a statement's query timeout on the whole session: a probe that set 5 s on a pooled
 * connection made any later, longer statement on that connection fail "Statement was canceled"
 * (seen deleting a 100,000-target job under load). Over one real H2 connection, the probe must
 * leave the session without a timeout, whether it succeeded or not.
 */
class DatabaseProbeH2TimeoutTest {

  private final DataSource db = TestDatabases.h2();

  @Test
  void aProbeLeavesItsConnectionWithoutAQueryTimeout() throws Exception {
    DatabaseProbe probe =
        new DatabaseProbe(
            db,
            new DatabaseSettings(Duration.ofSeconds(5), Duration.ofSeconds(5)),
            Clock.systemUTC());

    assertThat(probe.probe().writable()).isTrue();

    assertThat(sessionQueryTimeout()).isEqualTo("0");
  }

  private String sessionQueryTimeout() throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select setting_value from information_schema.settings"
                    + " where setting_name = 'QUERY_TIMEOUT'")) {
      assertThat(rs.next()).as("H2 lists QUERY_TIMEOUT among its settings").isTrue();
      return rs.getString(1);
    }
  }
}
