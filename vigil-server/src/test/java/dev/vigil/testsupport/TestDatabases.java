package dev.vigil.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Fresh, migrated databases for repository contract tests: an in-memory H2 in PostgreSQL mode (as
 * the application's default), and a throw-away database on the PostgreSQL at {@code
 * VIGIL_TEST_PG_URL} (default 127.0.0.1:5432, user postgres). Without PostgreSQL the tests skip
 * with a message, unless {@code CI=true}, where they fail.
 */
public final class TestDatabases {

  private static final String PG_BASE =
      env("VIGIL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("VIGIL_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = env("VIGIL_TEST_PG_PASSWORD", "");

  private TestDatabases() {}

  /** A new in-memory H2 database with Vigil's schema. */
  public static DataSource h2() {
    return h2At(null);
  }

  /**
   * A new in-memory H2 database with Vigil's schema up to migration {@code version} (null: all),
   * for migration tests; {@link #migrateTo} moves it on.
   */
  public static DataSource h2At(String version) {
    String url =
        "jdbc:h2:mem:it"
            + UUID.randomUUID().toString().replace("-", "")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    return migrateTo(new SingleConnectionDataSource(url, "sa", "", true), "h2", version);
  }

  /** A new PostgreSQL database with Vigil's schema; the caller drops it with {@link #drop}. */
  public static PostgresDatabase postgres() {
    return postgresAt(null);
  }

  /** As {@link #h2At}, a new PostgreSQL database; the caller drops it with {@link #drop}. */
  public static PostgresDatabase postgresAt(String version) {
    String name = "vigil_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = DriverManager.getConnection(PG_BASE, PG_USER, PG_PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("create database " + name);
    } catch (SQLException e) {
      unavailable(e);
    }
    String url = PG_BASE.substring(0, PG_BASE.lastIndexOf('/') + 1) + name;
    DataSource ds =
        migrateTo(
            new SingleConnectionDataSource(url, PG_USER, PG_PASSWORD, true), "postgresql", version);
    return new PostgresDatabase(name, ds);
  }

  /** Drops a database made by {@link #postgres()}. */
  public static void drop(PostgresDatabase db) {
    if (db == null) {
      return;
    }
    ((SingleConnectionDataSource) db.dataSource()).destroy();
    try (Connection admin = DriverManager.getConnection(PG_BASE, PG_USER, PG_PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("drop database if exists " + db.name() + " with (force)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + db.name(), e);
    }
  }

  /** True when running under CI, where nothing may be skipped for a missing service. */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void unavailable(SQLException e) {
    String why = "PostgreSQL is not reachable at " + PG_BASE + " (" + e.getMessage() + ")";
    if (ci()) {
      fail(why + "; under CI=true the PostgreSQL tests must run");
    }
    Assumptions.abort(why + "; skipping the PostgreSQL tests");
  }

  /**
   * Applies Vigil's migrations for {@code vendor} ({@code h2} or {@code postgresql}) up to {@code
   * version} (null: all).
   */
  public static DataSource migrateTo(DataSource ds, String vendor, String version) {
    var config =
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
    if (version != null) {
      config.target(version);
    }
    config.load().migrate();
    return ds;
  }

  private static String env(String key, String fallback) {
    String v = System.getenv(key);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** A throw-away PostgreSQL database. */
  public record PostgresDatabase(String name, DataSource dataSource) {}
}
