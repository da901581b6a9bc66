package dev.vigil.scanning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated SSH session to one target: runs commands under a timeout in their own remote
 * process group (killed on timeout or cancel), and moves files over SFTP.
 */
public final class SshSession implements AutoCloseable {

  private static final int COPY_BUFFER = 64 * 1024;

  private final ClientSession session;
  private final String hostKeyFingerprint;
  private final SshTarget target;
  private final Set<CommandRun> running = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytesUploaded = new AtomicLong();
  private volatile boolean cancelled;

  SshSession(ClientSession session, String hostKeyFingerprint, SshTarget target) {
    this.session = session;
    this.hostKeyFingerprint = hostKeyFingerprint;
    this.target = target;
  }

  /** The {@code SHA256:…} fingerprint of the key the server presented; pin it after first use. */
  public @Nullable String hostKeyFingerprint() {
    return hostKeyFingerprint;
  }

  /** Runs a command as the login user; see {@link #exec(String, Duration, boolean)}. */
  public ExecResult exec(String command, Duration timeout) throws ScanFailure {
    return exec(command, timeout, false);
  }

  /**
   * Runs one command through {@code sh -c} and returns its exit code, the first 1 MiB of stdout and
   * the last 8 KiB of stderr. With {@code sudo} the command runs as root through {@code sudo -n},
   * and so does the kill of its process group. After {@code timeout} the command's remote process
   * group gets SIGTERM, then SIGKILL, and this throws SCAN_TIMED_OUT.
   *
   * @throws ScanFailure SCAN_TIMED_OUT, CANCELLED, or UNREACHABLE when the connection is lost
   */
  public ExecResult exec(String command, Duration timeout, boolean sudo) throws ScanFailure {
    return exec(command, timeout, sudo, null);
  }

  /**
   * Runs one command as {@link #exec(String, Duration, boolean)} does, but hands its stdout to
   * {@code stdoutLines} line by line while it runs (on an SSH thread; lines are cut at 4 KiB)
   * instead of returning it: the result's stdout is empty. A null listener keeps stdout as usual.
   */
  public ExecResult exec(
      String command, Duration timeout, boolean sudo, @Nullable Consumer<String> stdoutLines)
      throws ScanFailure {
    return run(
        new CommandRun(session, command, sudo, stdoutLines), command, Deadline.after(timeout));
  }

  /**
   * Runs a script as the login user with its stdout raw to {@code stdout} (the result's stdout is
   * empty), killing the process groups it reports — through {@code sudo -n} when {@code killSudo} —
   * once {@code deadline} passes (which the reader of stdout may move) or on cancel.
   *
   * @throws ScanFailure SCAN_TIMED_OUT, CANCELLED, or UNREACHABLE when the connection is lost
   */
  ExecResult runScript(String script, Deadline deadline, boolean killSudo, OutputStream stdout)
      throws ScanFailure {
    CommandRun run = new CommandRun(session, script, false, killSudo, CommandOutput.raw(stdout));
    return run(run, script, deadline);
  }

  private ExecResult run(CommandRun run, String command, Deadline deadline) throws ScanFailure {
    running.add(run);
    try {
      if (cancelled || !run.start()) {
        throw cancelledFailure(command);
      }
      if (!run.awaitEnd(deadline)) {
        run.kill();
        throw cancelled ? cancelledFailure(command) : timedOut(command, deadline.limit());
      }
      return finished(run, command);
    } catch (IOException e) {
      throw lost(command, e);
    } finally {
      running.remove(run);
      run.close();
    }
  }

  /**
   * Kills the process groups of the commands running now and makes their {@code exec} throw
   * CANCELLED; the session refuses further commands. Safe to call from any thread.
   */
  public void cancel() {
    cancelled = true;
    running.forEach(CommandRun::cancel);
  }

  /** Copies a local file to {@code remotePath} over SFTP, replacing what is there. */
  public void upload(Path local, String remotePath) throws ScanFailure {
    try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
        InputStream in = Files.newInputStream(local);
        OutputStream out = sftp.write(remotePath)) {
      byte[] buffer = new byte[COPY_BUFFER];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        bytesUploaded.addAndGet(n);
      }
    } catch (IOException e) {
      throw new ScanFailure(
          FailureReason.CONTENT_UPLOAD_FAILED,
          "cannot upload to " + target.address() + ":" + remotePath + ": " + e.getMessage(),
          e);
    }
  }

  /** Bytes this session has uploaded so far. */
  public long bytesUploaded() {
    return bytesUploaded.get();
  }

  /** Copies {@code remotePath} into {@code out} over SFTP; {@code out} is left open. */
  public void download(String remotePath, OutputStream out) throws ScanFailure {
    try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
        InputStream in = sftp.read(remotePath)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new ScanFailure(
          FailureReason.RESULTS_UNREADABLE,
          "cannot read " + target.address() + ":" + remotePath + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Removes the files in {@code remoteDir} and then the directory over SFTP, without starting a
   * process; false when that did not work (a subdirectory, say), for the caller to fall back on.
   */
  public boolean removeDirectory(String remoteDir) {
    try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      for (SftpClient.DirEntry entry : sftp.readEntries(remoteDir)) {
        String name = entry.getFilename();
        if (!".".equals(name) && !"..".equals(name)) {
          sftp.remove(remoteDir + "/" + name);
        }
      }
      sftp.rmdir(remoteDir);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the process groups of commands still running (as {@link #cancel()}), then closes. */
  @Override
  public void close() {
    cancel();
    session.close(false);
  }

  private ExecResult finished(CommandRun run, String command) throws ScanFailure {
    if (run.cancelled()) {
      throw cancelledFailure(command);
    }
    ExecResult result = run.result();
    if (result == null) {
      throw lost(command, null);
    }
    return result;
  }

  private ScanFailure timedOut(String command, Duration timeout) {
    return new ScanFailure(
        FailureReason.SCAN_TIMED_OUT,
        "command on "
            + target.address()
            + " timed out after "
            + Durations.seconds(timeout)
            + ": "
            + brief(command));
  }

  private ScanFailure cancelledFailure(String command) {
    return new ScanFailure(
        FailureReason.CANCELLED,
        "command on " + target.address() + " cancelled: " + brief(command));
  }

  private ScanFailure lost(String command, @Nullable Exception cause) {
    return new ScanFailure(
        FailureReason.UNREACHABLE,
        "lost the connection to " + target.address() + " while running: " + brief(command),
        cause);
  }

  private static String brief(String command) {
    return command.length() <= 120 ? command : command.substring(0, 117) + "...";
  }
}
