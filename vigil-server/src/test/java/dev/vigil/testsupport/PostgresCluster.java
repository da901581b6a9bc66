package dev.vigil.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own ({@code initdb}/{@code pg_ctl} from
 * /usr/lib/postgresql/N/bin, run as user postgres through {@code runuser}), on a free loopback port
 * with its data directory under /tmp, so that a test may stop and start it; the shared server on
 * 5432 is never touched. Needs root.
 */
public final class PostgresCluster implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresCluster(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The newest installed PostgreSQL's binaries, or null. */
  public static Path binaries() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElse(null);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** Makes and starts a new cluster (trust authentication, user postgres). */
  public static PostgresCluster start(Path bin) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "vigil-pg-");
    LocalCommands.run(null, "chown", "postgres:postgres", dir.toString());
    PostgresCluster c = new PostgresCluster(bin, dir, freePort());
    c.asPostgres(
        "initdb", "-D", c.data(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
    c.startAgain();
    return c;
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of a database of this cluster. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates a database. */
  public void createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("create database " + name, e);
    }
  }

  /** {@code pg_ctl stop -m fast}: clients are disconnected, the server ends. */
  public void stop() {
    asPostgres("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
  }

  /** {@code pg_ctl start}, waiting until it accepts connections. */
  public void startAgain() {
    asPostgres(
        "pg_ctl",
        "-D",
        data(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "120",
        "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off",
        "start");
  }

  @Override
  public void close() {
    exec(
        List.of(
            "runuser", "-u", "postgres", "--", pgCtl(), "-D", data(), "-m", "immediate", "stop"));
    exec(List.of("rm", "-rf", dir.toString()));
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private String pgCtl() {
    return bin.resolve("pg_ctl").toString();
  }

  private void asPostgres(String program, String... args) {
    List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    ProcessResult r = exec(command);
    if (r.code() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited " + r.code() + ":\n" + r.output());
    }
  }

  private record ProcessResult(int code, String output) {}

  private static ProcessResult exec(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new ProcessResult(-1, out);
      }
      return new ProcessResult(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
