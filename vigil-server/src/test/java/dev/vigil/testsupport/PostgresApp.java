package dev.vigil.testsupport;

import dev.vigil.testsupport.TestDatabases.PostgresDatabase;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away PostgreSQL database for a whole-application test: made (or the test skipped, failed
 * under CI=true) in the test class's {@code @BeforeAll}, handed to Spring through {@code
 * DynamicPropertySource}, and dropped when the test's application context closes (import {@link
 * DropOnClose} and mark the class {@code @DirtiesContext}).
 */
public final class PostgresApp {

  private static final List<PostgresDatabase> OPEN = new ArrayList<>();

  private PostgresDatabase db;

  /** Creates the database; call from a static {@code @BeforeAll}, before the context starts. */
  public void create() {
    db = TestDatabases.postgres();
    synchronized (OPEN) {
      OPEN.add(db);
    }
  }

  /** Points {@code spring.datasource.*} at the database made by {@link #create()}. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> source().getUrl());
    registry.add("spring.datasource.username", () -> source().getUsername());
    registry.add("spring.datasource.password", () -> nz(source().getPassword()));
  }

  private SingleConnectionDataSource source() {
    if (db == null) {
      throw new IllegalStateException("PostgresApp.create() was not called in @BeforeAll");
    }
    return (SingleConnectionDataSource) db.dataSource();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Drops this context's database (the one its {@code spring.datasource.url} names) on close. */
  @TestConfiguration
  public static class DropOnClose {

    private final String url;

    DropOnClose(Environment env) {
      this.url = env.getProperty("spring.datasource.url");
    }

    @PreDestroy
    void drop() {
      synchronized (OPEN) {
        for (PostgresDatabase db : List.copyOf(OPEN)) {
          if (((SingleConnectionDataSource) db.dataSource()).getUrl().equals(url)) {
            OPEN.remove(db);
            TestDatabases.drop(db);
          }
        }
      }
    }
  }
}
