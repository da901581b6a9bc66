package dev.vigil.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.VigilApplication;
import dev.vigil.scanning.ScanEngine;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * One Vigil node in this JVM: the whole application as its own Spring context on its own web port,
 * on a database it may share with other nodes, with a {@link ScanDouble} in place of the scan
 * engine. {@link #crash()} takes the node away without letting it release anything it holds.
 */
public final class VigilNode implements AutoCloseable {

  private final String name;
  private final ScanDouble scans;
  private final ConfigurableApplicationContext context;

  private VigilNode(String name, ScanDouble scans, ConfigurableApplicationContext context) {
    this.name = name;
    this.scans = scans;
    this.context = context;
  }

  /**
   * Starts a node with these settings ({@code spring.datasource.*}, {@code vigil.*}; a random web
   * port unless {@code server.port} is given), passed as command-line arguments so that they win
   * over {@code application.yml}, and its scan double.
   */
  public static VigilNode start(String name, ScanDouble scans, Map<String, String> settings) {
    return start(name, scans, settings, ctx -> {});
  }

  /**
   * As {@link #start(String, ScanDouble, Map)}, with {@code extra} run on the context before it
   * refreshes (a benchmark registers a statement counter there, for example).
   */
  public static VigilNode start(
      String name,
      ScanDouble scans,
      Map<String, String> settings,
      java.util.function.Consumer<GenericApplicationContext> extra) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("server.port", "0");
    props.put("spring.main.register-shutdown-hook", "false");
    props.put("spring.jmx.enabled", "false");
    props.put("spring.datasource.hikari.pool-name", "vigil-" + name);
    props.put("vigil.scheduler.node-name", "node-" + name);
    props.putAll(settings);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(VigilApplication.class)
            .initializers(
                ctx -> {
                  ((GenericApplicationContext) ctx)
                      .registerBean(
                          "scanDouble",
                          ScanEngine.class,
                          () -> scans,
                          bd -> {
                            bd.setPrimary(true);
                            bd.setDestroyMethodName("");
                          });
                  extra.accept((GenericApplicationContext) ctx);
                })
            .run(
                props.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    return new VigilNode(name, scans, context);
  }

  public String name() {
    return name;
  }

  public ScanDouble scans() {
    return scans;
  }

  /** The node's HTTP port. */
  public int port() {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  /** A bean of the node's context. */
  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /**
   * Takes the node away as a crash would: its connection pool is closed first (no heartbeat, no
   * write, no release of the scheduler's picks reaches the database from then on), then its held
   * scans fail and its context stops.
   */
  public void crash() {
    try {
      context.getBean(DataSource.class).unwrap(HikariDataSource.class).close();
    } catch (SQLException e) {
      throw new IllegalStateException("node " + name + " has no Hikari pool to close", e);
    }
    scans.crash();
    context.close();
  }

  @Override
  public void close() {
    if (context.isActive()) {
      scans.release();
      context.close();
    }
    scans.close();
  }
}
