package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import dev.vigil.web.DatabaseOutage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real H2 file database that closed under an open connection: that connection's errors evict
 * it from the pool and count as an unavailable database (503), while a plain SQL error does
 * neither; a new connection opens the database again.
 */
class ClosedH2EvictionTest {

  @TempDir Path dir;

  @Test
  void aConnectionToAClosedDatabaseIsEvictedAndANewOneOpensItAgain() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("vigil") + ";MODE=PostgreSQL";
    ClosedH2Eviction eviction = new ClosedH2Eviction();
    try (Connection open = DriverManager.getConnection(url, "sa", "")) {
      try (Connection other = DriverManager.getConnection(url, "sa", "");
          Statement s = other.createStatement()) {
        s.execute("create table t(id int primary key)");
        SQLException syntax = catchThrowableOfType(SQLException.class, () -> s.execute("selec 1"));
        assertThat(eviction.adjudicate(syntax)).isEqualTo(Override.CONTINUE_EVICT);
        assertThat(DatabaseOutage.is(syntax)).isFalse();
        s.execute("shutdown");
      }
      SQLException closed =
          catchThrowableOfType(
              SQLException.class, () -> open.createStatement().execute("select count(*) from t"));
      assertThat(eviction.adjudicate(closed)).as(closed.toString()).isEqualTo(Override.MUST_EVICT);
      assertThat(DatabaseOutage.is(closed)).as(closed.toString()).isTrue();
    }
    try (Connection again = DriverManager.getConnection(url, "sa", "");
        Statement s = again.createStatement()) {
      s.execute("insert into t values (1)");
    }
  }
}
