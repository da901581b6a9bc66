package dev.vigil.scanning;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wrapped command as a local process in its own process group (the same wrapper as over SSH),
 * which a timeout or a cancel kills as a whole group.
 */
final class LocalCommandRun {

  private static final Duration PGID_WAIT = Duration.ofSeconds(5);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(20);
  private static final Logger log = LoggerFactory.getLogger(LocalCommandRun.class);

  private final String command;
  private final boolean sudo;
  private final boolean killSudo;
  private final CommandOutput stdout;
  private final StderrTail stderr = new StderrTail(CommandRun.STDERR_TAIL);
  private @Nullable Process process;
  private Thread @Nullable [] pumps;
  private boolean cancelled;

  /** With a {@code lines} listener stdout goes to it line by line, else into the result. */
  LocalCommandRun(String command, boolean sudo, @Nullable Consumer<String> lines) {
    this(command, sudo, sudo, new CommandOutput(lines));
  }

  /** As over SSH: through sudo when {@code sudo}, its groups killed through sudo when asked. */
  LocalCommandRun(String command, boolean sudo, boolean killSudo, CommandOutput stdout) {
    this.command = command;
    this.sudo = sudo;
    this.killSudo = killSudo;
    this.stdout = stdout;
  }

  /** Starts the process; false when the run was cancelled before. */
  synchronized boolean start() throws IOException {
    if (cancelled) {
      return false;
    }
    Process p =
        new ProcessBuilder("sh", "-c", RemoteCommand.wrap(command, sudo))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    process = p;
    pumps =
        new Thread[] {pump(p.getInputStream(), stdout.stream()), pump(p.getErrorStream(), stderr)};
    return true;
  }

  /** Waits until the command ends or the deadline passes; true when it ended. */
  boolean awaitEnd(Deadline deadline) throws InterruptedException {
    Process started = started();
    boolean ended = false;
    for (Duration wait = deadline.nextWait();
        !ended && !wait.isZero();
        wait = deadline.nextWait()) {
      ended = started.waitFor(wait.toNanos(), TimeUnit.NANOSECONDS);
    }
    if (!ended) {
      return false;
    }
    Thread[] threads;
    synchronized (this) {
      threads = pumps;
    }
    for (Thread pump : threads == null ? new Thread[0] : threads) {
      pump.join(KILL_TIMEOUT.toMillis());
    }
    return true;
  }

  /** Marks the run cancelled and, if it started, kills its process group. */
  void cancel() {
    synchronized (this) {
      cancelled = true;
      if (process == null) {
        return;
      }
    }
    kill();
  }

  synchronized boolean cancelled() {
    return cancelled;
  }

  /** TERM then KILL to the process group, as over SSH. */
  void kill() {
    try {
      stderr.pgid().get(PGID_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      Process killer =
          new ProcessBuilder("sh", "-c", RemoteCommand.kill(stderr.groups(), killSudo))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!killer.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        killer.destroyForcibly();
      }
    } catch (TimeoutException | ExecutionException | IOException e) {
      log.warn("Cannot kill local command {}: {}", command, e.toString());
      started().destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  ExecResult result() {
    return new ExecResult(started().exitValue(), stdout.text(), stderr.text());
  }

  /** The process {@link #start()} began; awaiting, killing or reading a result comes after. */
  private synchronized Process started() {
    Process p = process;
    if (p == null) {
      throw new IllegalStateException("not started: " + command);
    }
    return p;
  }

  private static Thread pump(InputStream in, OutputStream out) {
    Thread thread =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(out);
              } catch (IOException ignored) {
                // the process ended or was killed; what arrived is kept
              }
            },
            "vigil-local-pump");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
