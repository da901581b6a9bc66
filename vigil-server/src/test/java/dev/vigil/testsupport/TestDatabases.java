package dev.vigil.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
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

  /**
   * A new in-memory H2 database with Vigil's schema: the script ({@code SCRIPT}) of a database
   * migrated once per JVM, run into the new one ({@code RUNSCRIPT}), faster than the migrations.
   */
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
    SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "sa", "", true);
    if (version != null) {
      return migrateTo(ds, "h2", version);
    }
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("runscript from '" + h2Script() + "'");
    } catch (SQLException e) {
      throw new IllegalStateException("could not load the migrated H2 schema", e);
    }
    return ds;
  }

  private static Path h2Script;

  /** A script of a fully migrated H2 database ({@code SCRIPT}), made once per JVM. */
  private static synchronized String h2Script() throws SQLException {
    if (h2Script == null) {
      String url =
          "jdbc:h2:mem:tpl"
              + UUID.randomUUID().toString().replace("-", "")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
      SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "sa", "", true);
      try {
        migrateTo(ds, "h2", null);
        Path file = Files.createTempFile("vigil-h2-schema", ".sql");
        file.toFile().deleteOnExit();
        try (Connection c = ds.getConnection();
            Statement st = c.createStatement()) {
          st.execute("script to '" + file + "'");
        }
        h2Script = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        ds.destroy();
      }
    }
    return h2Script.toString();
  }

  /**
   * A new PostgreSQL database with Vigil's schema; the caller drops it with {@link #drop}. It is a
   * copy of a template database migrated once per migration set (see {@link #postgresTemplate}),
   * which is much faster than running every migration again.
   */
  public static PostgresDatabase postgres() {
    String template;
    try {
      template = postgresTemplate();
    } catch (SQLException e) {
      unavailable(e);
      throw new IllegalStateException(e);
    }
    String name = newName();
    createDatabase(name, template);
    return new PostgresDatabase(name, pgDataSource(name));
  }

  /** As {@link #h2At}, a new PostgreSQL database; the caller drops it with {@link #drop}. */
  public static PostgresDatabase postgresAt(String version) {
    if (version == null) {
      return postgres();
    }
    String name = newName();
    createDatabase(name, null);
    DataSource ds = migrateTo(pgDataSource(name), "postgresql", version);
    return new PostgresDatabase(name, ds);
  }

  /**
   * The name of a database on the test PostgreSQL with all of Vigil's migrations applied, made if
   * absent: {@code vigil_tpl_<hash of the migration scripts>}, so that a changed migration makes a
   * new template. It is migrated under another name and renamed when complete, under an advisory
   * lock, so that concurrent JVMs (or a JVM that died half-way) never see a half-migrated template.
   * No connection to it stays open: {@code create database ... template} fails while one is.
   */
  public static synchronized String postgresTemplate() throws SQLException {
    if (template != null) {
      return template;
    }
    String name = "vigil_tpl_" + migrationsHash();
    try (Connection admin = DriverManager.getConnection(PG_BASE, PG_USER, PG_PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("select pg_advisory_lock(" + TEMPLATE_LOCK + ")");
      try {
        if (!exists(admin, name)) {
          String building = name + "_building";
          st.execute("drop database if exists " + building + " with (force)");
          st.execute("create database " + building);
          SingleConnectionDataSource ds = pgDataSource(building);
          try {
            migrateTo(ds, "postgresql", null);
          } finally {
            ds.destroy();
          }
          st.execute("alter database " + building + " rename to " + name);
        }
      } finally {
        st.execute("select pg_advisory_unlock(" + TEMPLATE_LOCK + ")");
      }
    }
    template = name;
    return name;
  }

  private static String template;

  /** The advisory lock key under which templates are made (any constant of Vigil's own). */
  private static final long TEMPLATE_LOCK = 0x76_69_67_69_6c_74_70_6cL;

  private static boolean exists(Connection admin, String database) throws SQLException {
    try (PreparedStatement ps =
        admin.prepareStatement("select 1 from pg_database where datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A short hash of the PostgreSQL migration scripts' names and contents. */
  static String migrationsHash() {
    try {
      var resolver = new PathMatchingResourcePatternResolver();
      var scripts = new TreeMap<String, Resource>();
      for (String dir : List.of("common", "postgresql")) {
        for (Resource r : resolver.getResources("classpath*:db/migration/" + dir + "/*.sql")) {
          scripts.put(dir + "/" + r.getFilename(), r);
        }
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (var e : scripts.entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        try (InputStream in = e.getValue().getInputStream()) {
          sha.update(in.readAllBytes());
        }
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("could not hash the migration scripts", e);
    }
  }

  private static String newName() {
    return "vigil_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static void createDatabase(String name, String template) {
    String sql = "create database " + name + (template == null ? "" : " template " + template);
    for (int attempt = 1; ; attempt++) {
      try (Connection admin = DriverManager.getConnection(PG_BASE, PG_USER, PG_PASSWORD);
          Statement st = admin.createStatement()) {
        st.execute(sql);
        return;
      } catch (SQLException e) {
        // "source database ... is being accessed by other users": another JVM is copying it
        if (template != null && "55006".equals(e.getSQLState()) && attempt < 50) {
          sleep(100);
          continue;
        }
        unavailable(e);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SingleConnectionDataSource pgDataSource(String name) {
    String url = PG_BASE.substring(0, PG_BASE.lastIndexOf('/') + 1) + name;
    return new SingleConnectionDataSource(url, PG_USER, PG_PASSWORD, true);
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
