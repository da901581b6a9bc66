package dev.vigil.scanning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wrapped remote command on its own exec channel, which can be killed with the process groups
 * it reported.
 */
final class CommandRun {

  static final int STDOUT_LIMIT = 1 << 20;
  static final int STDERR_TAIL = 8 << 10;
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PGID_WAIT = Duration.ofSeconds(5);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(20);
  private static final Logger log = LoggerFactory.getLogger(CommandRun.class);

  private final ClientSession session;
  private final String command;
  private final boolean sudo;
  private final boolean killSudo;
  private final CommandOutput stdout;
  private final StderrTail stderr = new StderrTail(STDERR_TAIL);
  private @Nullable ChannelExec channel;
  private boolean cancelled;

  /** With a {@code lines} listener stdout goes to it line by line, else into the result. */
  CommandRun(
      ClientSession session, String command, boolean sudo, @Nullable Consumer<String> lines) {
    this(session, command, sudo, sudo, new CommandOutput(lines));
  }

  /**
   * Runs {@code command} through {@code sudo -n} when {@code sudo}; kills its groups through {@code
   * sudo -n} when {@code killSudo} (a script of the login user whose step runs through sudo).
   */
  CommandRun(
      ClientSession session, String command, boolean sudo, boolean killSudo, CommandOutput stdout) {
    this.session = session;
    this.command = command;
    this.sudo = sudo;
    this.killSudo = killSudo;
    this.stdout = stdout;
  }

  /** Opens the channel and starts the command; false when the run was cancelled before. */
  synchronized boolean start() throws IOException {
    if (cancelled) {
      return false;
    }
    channel = session.createExecChannel(RemoteCommand.wrap(command, sudo));
    channel.setOut(stdout.stream());
    channel.setErr(stderr);
    channel.open().verify(OPEN_TIMEOUT);
    return true;
  }

  /** Waits until the command ends or the deadline passes; true when it ended. */
  boolean awaitEnd(Deadline deadline) {
    ChannelExec started = started();
    for (Duration wait = deadline.nextWait(); !wait.isZero(); wait = deadline.nextWait()) {
      Set<ClientChannelEvent> events = started.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), wait);
      if (events.contains(ClientChannelEvent.CLOSED)) {
        return true;
      }
    }
    return false;
  }

  /** Marks the run cancelled and, if it started, kills its process group. */
  void cancel() {
    synchronized (this) {
      cancelled = true;
      if (channel == null) {
        return;
      }
    }
    kill();
  }

  synchronized boolean cancelled() {
    return cancelled;
  }

  /** TERM then KILL to the command's process groups through a second exec channel, then close. */
  void kill() {
    try {
      stderr.pgid().get(PGID_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      runKill(RemoteCommand.kill(stderr.groups(), killSudo));
    } catch (TimeoutException | ExecutionException e) {
      log.warn("Cannot kill remote command, its process group id never arrived: {}", command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.warn("Killing remote command failed: {}: {}", command, e.toString());
    } finally {
      started().close(false);
    }
  }

  /** The channel {@link #start()} opened; awaiting, killing or reading a result comes after. */
  private synchronized ChannelExec started() {
    ChannelExec c = channel;
    if (c == null) {
      throw new IllegalStateException("not started: " + command);
    }
    return c;
  }

  /** The result once the channel closed; null when the server sent no exit status. */
  @Nullable ExecResult result() {
    Integer status = started().getExitStatus();
    return status == null ? null : new ExecResult(status, stdout.text(), stderr.text());
  }

  void close() {
    ChannelExec open;
    synchronized (this) {
      open = channel;
    }
    if (open != null) {
      open.close(true);
    }
  }

  private void runKill(String killCommand) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (ChannelExec killer = session.createExecChannel(killCommand)) {
      killer.setOut(output);
      killer.setErr(output);
      killer.open().verify(OPEN_TIMEOUT);
      killer.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), KILL_TIMEOUT);
      Integer status = killer.getExitStatus();
      if (status == null || status != 0) {
        log.warn(
            "Killing remote command ended with {}: {}",
            status,
            TargetText.inert(output.toString(StandardCharsets.UTF_8)));
      }
    }
  }
}
