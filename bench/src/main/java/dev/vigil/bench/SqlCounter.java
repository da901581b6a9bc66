package dev.vigil.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts, on every thread of a node, the SQL statements its DataSource runs (by the statement's
 * first words), the commits, and the statements run outside a transaction (each its own commit):
 * the per-run cost of the fan-out in round trips, whatever the machine's load.
 */
final class SqlCounter {

  private final Map<String, LongAdder> statements = new ConcurrentHashMap<>();
  private final LongAdder commits = new LongAdder();
  private final LongAdder autoCommitted = new LongAdder();

  /** Registers the counter on the context: every DataSource bean is wrapped. */
  void register(GenericApplicationContext ctx) {
    ctx.registerBean(
        "sqlCounter",
        BeanPostProcessor.class,
        () ->
            new BeanPostProcessor() {
              @Override
              public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !(bean instanceof Counting)
                    ? new Counting(ds)
                    : bean;
              }
            });
  }

  void reset() {
    statements.clear();
    commits.reset();
    autoCommitted.reset();
  }

  long statements() {
    return statements.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Commits, each explicit one and each statement outside a transaction. */
  long transactions() {
    return commits.sum() + autoCommitted.sum();
  }

  /** Statements and transactions per run, and the most frequent statements per run. */
  void print(int runs, int top) {
    System.out.printf(
        Locale.ROOT,
        "  per target run: %.1f SQL statements, %.1f transactions (commits + autocommitted"
            + " statements)%n",
        statements() / (double) runs,
        transactions() / (double) runs);
    statements.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> -e.getValue().sum()))
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "    %6.2f  %s%n",
                    e.getValue().sum() / (double) runs,
                    e.getKey()));
  }

  private void note(String sql, boolean autoCommit) {
    String key = sql.strip().replaceAll("\\s+", " ");
    key = key.length() > 90 ? key.substring(0, 90) : key;
    statements.computeIfAbsent(key, k -> new LongAdder()).increment();
    if (autoCommit) {
      autoCommitted.increment();
    }
  }

  private final class Counting extends DelegatingDataSource {
    Counting(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      return watch(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return watch(super.getConnection(username, password));
    }

    private Connection watch(Connection c) {
      InvocationHandler h =
          (p, method, args) -> {
            String m = method.getName();
            if (m.startsWith("prepare") && args != null && args[0] instanceof String sql) {
              // counted when prepared: JdbcClient runs each prepared statement once
              note(sql, c.getAutoCommit());
            } else if (m.equals("commit")) {
              commits.increment();
            }
            Object result = invoke(method, c, args);
            return m.equals("createStatement") ? plain((Statement) result, c) : result;
          };
      return (Connection)
          Proxy.newProxyInstance(
              SqlCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private Statement plain(Statement s, Connection c) {
      InvocationHandler h =
          (p, method, args) -> {
            if (method.getName().startsWith("execute")
                && args != null
                && args.length > 0
                && args[0] instanceof String sql) {
              note(sql, c.getAutoCommit());
            }
            return invoke(method, s, args);
          };
      return (Statement)
          Proxy.newProxyInstance(
              SqlCounter.class.getClassLoader(), new Class<?>[] {Statement.class}, h);
    }
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
