package dev.vigil.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The SQL statements the current thread prepares while {@link #record} runs, for tests that bound
 * how many queries an operation makes: the application's DataSource is wrapped (by the bean post
 * processor {@link #wrapping()}) so that each connection it hands out notes every statement
 * prepared on a recording thread. Other threads (the scheduler's) are not recorded.
 */
public final class StatementLog {

  private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

  private StatementLog() {}

  /** A bean post processor that wraps every DataSource bean; declare it as a static @Bean. */
  public static BeanPostProcessor wrapping() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource ds && !(bean instanceof Recording)
            ? new Recording(ds)
            : bean;
      }
    };
  }

  /** Runs {@code work} on this thread and returns the SQL of every statement it prepared. */
  public static List<String> record(Runnable work) {
    return record(
            () -> {
              work.run();
              return null;
            })
        .statements();
  }

  /** As {@link #record(Runnable)}, with the work's result. */
  public static <T> Recorded<T> record(Supplier<T> work) {
    List<String> statements = new ArrayList<>();
    RECORDING.set(statements);
    try {
      T result = work.get();
      return new Recorded<>(result, List.copyOf(statements));
    } finally {
      RECORDING.remove();
    }
  }

  /** What a recorded piece of work returned and the statements it prepared. */
  public record Recorded<T>(T result, List<String> statements) {

    /** How many of the statements mention {@code text} (case-insensitive). */
    public long mentioning(String text) {
      return statements.stream().filter(s -> s.toLowerCase().contains(text.toLowerCase())).count();
    }
  }

  private static final class Recording extends DelegatingDataSource {
    Recording(DataSource target) {
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

    /** Notes the SQL of prepared statements, and of plain statements when they execute. */
    private static Connection watch(Connection c) {
      return proxy(
          Connection.class,
          c,
          (method, args, result) -> {
            if (method.getName().startsWith("prepare")) {
              note(args);
            }
            return method.getName().equals("createStatement")
                ? proxy(Statement.class, (Statement) result, (m, a, r) -> r)
                : result;
          });
    }

    private interface After {
      Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
      InvocationHandler h =
          (p, method, args) -> {
            if (type == Statement.class && method.getName().startsWith("execute")) {
              note(args);
            }
            Object result;
            try {
              result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            return after.apply(method, args, result);
          };
      return (T)
          Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static void note(Object[] args) {
      List<String> statements = RECORDING.get();
      if (statements != null && args != null && args.length > 0 && args[0] instanceof String sql) {
        statements.add(sql);
      }
    }
  }
}
