package dev.vigil.operations;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether the database can be written now: every {@code vigil.database.probe-interval} this node
 * updates the one row of {@code database_probe} in its own transaction (on H2 followed by {@code
 * CHECKPOINT}, which writes the store to its file at once: H2 keeps commits in memory for a moment,
 * so only a checkpoint meets a full disk). A probe that fails marks the database unwritable (API
 * and pages answer 503, health is DOWN) and drops the pool's idle connections, so that the next
 * connection re-opens an H2 database that closed itself or reaches a PostgreSQL that restarted; the
 * first probe that succeeds again marks it writable. An error of a request that says the database
 * is unavailable ({@link #suspect()}) brings the next probe forward.
 */
@Component
public class DatabaseProbe implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

  /** Suspicions bring a probe forward at most this often. */
  private static final long SUSPECT_GAP_MILLIS = 1000;

  private final DataSource dataSource;
  private final DatabaseSettings settings;
  private final Clock clock;
  private final AtomicBoolean suspectPending = new AtomicBoolean();
  private volatile ProbeResult last;
  private volatile @Nullable Boolean h2;
  private @Nullable ScheduledExecutorService executor;

  /** One probe's outcome: when, and the error that made the database unwritable (null: none). */
  public record ProbeResult(Instant at, @Nullable String error) {
    public boolean writable() {
      return error == null;
    }
  }

  public DatabaseProbe(DataSource dataSource, DatabaseSettings settings, Clock clock) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.clock = clock;
    this.last = new ProbeResult(clock.instant(), null);
  }

  /** False from a failed probe until the next probe that succeeds. */
  public boolean writable() {
    return last.writable();
  }

  /** The last probe's outcome. */
  public ProbeResult last() {
    return last;
  }

  /** A request met an error saying the database is unavailable: probe soon (rate-limited). */
  public void suspect() {
    ScheduledExecutorService ex = executor;
    if (ex != null && suspectPending.compareAndSet(false, true)) {
      ex.schedule(
          () -> {
            suspectPending.set(false);
            probe();
          },
          SUSPECT_GAP_MILLIS,
          TimeUnit.MILLISECONDS);
    }
  }

  /** Writes the probe row now and records the outcome. */
  public synchronized ProbeResult probe() {
    ProbeResult before = last;
    ProbeResult now;
    try {
      write();
      now = new ProbeResult(clock.instant(), null);
    } catch (SQLException | RuntimeException e) {
      now = new ProbeResult(clock.instant(), firstLine(e));
    }
    last = now;
    if (!now.writable()) {
      // connections to a closed H2 database or a stopped PostgreSQL are of no more use
      evictIdleConnections();
    }
    if (before.writable() && !now.writable()) {
      log.error("the database cannot be written; answering 503 until it can: {}", now.error());
    } else if (!before.writable() && now.writable()) {
      log.warn("the database can be written again; serving again");
      evictIdleConnections();
    }
    return now;
  }

  private void write() throws SQLException {
    int timeout = (int) Math.max(1, settings.probeTimeout().toSeconds());
    try (Connection c = dataSource.getConnection()) {
      try {
        c.setAutoCommit(false);
        try (PreparedStatement ps =
            c.prepareStatement("update database_probe set probed_at = ? where id = 1")) {
          ps.setQueryTimeout(timeout);
          ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
          ps.executeUpdate();
          c.commit();
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
        if (isH2(c)) {
          try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeout);
            s.execute("checkpoint");
          }
        }
      } finally {
        clearH2Timeout(c);
      }
    }
  }

  /**
   * H2 keeps a statement's query timeout on its session, so a pooled connection the probe used
   * would cancel any later statement of another caller that runs longer than the probe's timeout
   * (the delete of a 100,000-target job, say). Put it back to "none" on that connection.
   */
  private void clearH2Timeout(Connection c) {
    if (!Boolean.TRUE.equals(h2)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("set query_timeout 0");
    } catch (SQLException | RuntimeException e) {
      // the database is failing: the next probe says so, and the pool drops a broken connection
    }
  }

  private boolean isH2(Connection c) throws SQLException {
    Boolean known = h2;
    if (known == null) {
      known = c.getMetaData().getDatabaseProductName().contains("H2");
      h2 = known;
    }
    return known;
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken: the pool drops it
    }
  }

  private void evictIdleConnections() {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        if (pool.getHikariPoolMXBean() != null) {
          pool.getHikariPoolMXBean().softEvictConnections();
        }
      }
    } catch (SQLException e) {
      log.debug("could not evict the pool's connections", e);
    }
  }

  private static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public synchronized void start() {
    if (executor == null) {
      executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "vigil-database-probe");
                t.setDaemon(true);
                return t;
              });
      long every = settings.probeInterval().toMillis();
      executor.scheduleWithFixedDelay(this::probeLogged, every, every, TimeUnit.MILLISECONDS);
    }
  }

  private void probeLogged() {
    try {
      probe();
    } catch (RuntimeException e) {
      log.warn("database probe failed unexpectedly", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
