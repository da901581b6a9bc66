package dev.vigil.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vigil as a separate JVM, started from this JVM's class path ({@code dev.vigil.VigilApplication},
 * or another main class that starts it) with the given arguments on a fixed port, its output in a
 * log file; it can be killed with SIGKILL as a crash would, and started again with the same
 * arguments.
 */
public final class VigilProcess implements AutoCloseable {

  private static final List<String> TEST_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

  private final List<String> wrapper;
  private final String mainClass;
  private final List<String> jvmOptions;
  private final List<String> args;
  private final Path log;
  private final int port;
  private Process process;

  private VigilProcess(
      List<String> wrapper,
      String mainClass,
      List<String> jvmOptions,
      List<String> args,
      Path log,
      int port) {
    this.wrapper = List.copyOf(wrapper);
    this.mainClass = mainClass;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.args = List.copyOf(args);
    this.log = log;
    this.port = port;
  }

  /** Starts Vigil with {@code args} (no {@code --server.port}: a free port is chosen). */
  public static VigilProcess start(List<String> args, Path log) {
    return start("dev.vigil.VigilApplication", TEST_JVM, args, log);
  }

  /**
   * Starts {@code mainClass} (which starts Vigil with its {@code --key=value} arguments) in a JVM
   * with {@code jvmOptions}, with {@code args} and {@code --server.port} on a free port.
   */
  public static VigilProcess start(
      String mainClass, List<String> jvmOptions, List<String> args, Path log) {
    VigilProcess p = new VigilProcess(List.of(), mainClass, jvmOptions, args, log, freePort());
    p.launch();
    return p;
  }

  /**
   * Starts Vigil with {@code args} under a command that ends by running its own arguments in its
   * place ({@code exec "$@"}), e.g. {@code unshare -m sh -c 'mount … && exec "$@"' sh}: {@link
   * #pid()} is then the JVM's.
   */
  public static VigilProcess startWrapped(List<String> wrapper, List<String> args, Path log) {
    VigilProcess p =
        new VigilProcess(wrapper, "dev.vigil.VigilApplication", TEST_JVM, args, log, freePort());
    p.launch();
    return p;
  }

  public int port() {
    return port;
  }

  /** The operating system's id of the running JVM. */
  public long pid() {
    return process.pid();
  }

  /**
   * Waits until the API answers and logs in as the given user; fails early, with the log's tail,
   * when the process exits.
   */
  public ApiClient awaitLogin(String user, String password, long timeoutSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Vigil exited " + process.exitValue() + ":\n" + tail());
      }
      try {
        return new ApiClient(port).login(user, password);
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Vigil did not answer in time:\n" + tail(), notYet);
        }
      }
      sleep(250);
    }
  }

  /** SIGKILL: the JVM ends at once, with no shutdown hook and nothing released. */
  public void kill() {
    process.destroyForcibly();
    waitFor(30);
  }

  /** Starts the same command again (after {@link #kill()} or {@link #close()}). */
  public void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("Vigil is still running");
    }
    launch();
  }

  /** Waits for the process to exit; its exit status, or empty when it still runs. */
  public java.util.OptionalInt awaitExit(int seconds) {
    return waitFor(seconds)
        ? java.util.OptionalInt.of(process.exitValue())
        : java.util.OptionalInt.empty();
  }

  /** The last lines of the log. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL when it has not ended in 30 seconds. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(30)) {
        kill();
      }
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.add("--server.port=" + port);
    command.addAll(args);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
}
