package dev.vigil.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Empties the shared application's fleet before each test class ({@link VigilSystemTest}), so that
 * a class sees only the records it makes, as it did with an application of its own: every table but
 * the users, roles and tokens, the migrations' own rows and the recurring tasks. Identities go on
 * (no id is used twice, so no cache keyed by id is fooled). The application keeps running: a class
 * must not leave work behind that the next one could see (end or cancel what it starts).
 */
public final class SharedDatabaseReset implements TestExecutionListener {

  /**
   * On a test class that copes with other classes' records (names its own, filters by them): no
   * reset before it, so that such classes can share what they make (see {@link #generation()}).
   */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Inherited
  public @interface Skip {}

  private static final AtomicLong GENERATION = new AtomicLong();

  /** How many resets there were: records cached across test classes are valid for one only. */
  public static long generation() {
    return GENERATION.get();
  }

  /** Tables kept: who may sign in, the schema's history and the application's own rows. */
  private static final Set<String> KEPT =
      Set.of(
          "users",
          "roles",
          "role_permissions",
          "user_roles",
          "api_tokens",
          "flyway_schema_history",
          "scheduled_tasks",
          "database_probe",
          "vigil_installation");

  @Override
  public void beforeTestClass(TestContext testContext) throws SQLException {
    if (AnnotatedElementUtils.hasAnnotation(testContext.getTestClass(), Skip.class)) {
      return;
    }
    testContext
        .getApplicationContext()
        .getBeanProvider(SettableClock.class)
        .ifAvailable(SettableClock::restart);
    DataSource ds = testContext.getApplicationContext().getBean(DataSource.class);
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      if (!c.getMetaData().getDatabaseProductName().equals("H2")) {
        return;
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "select table_name from information_schema.tables"
                  + " where table_schema = 'public' and table_type = 'BASE TABLE'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      st.execute("set referential_integrity false");
      try {
        for (String t : tables) {
          if (!KEPT.contains(t.toLowerCase())) {
            st.execute("truncate table " + t);
          }
        }
        st.execute("delete from scheduled_tasks where task_instance <> 'recurring'");
        GENERATION.incrementAndGet();
      } finally {
        st.execute("set referential_integrity true");
      }
    }
  }
}
