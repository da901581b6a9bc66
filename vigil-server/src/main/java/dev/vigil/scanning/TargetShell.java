package dev.vigil.scanning;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs shell command lines on a scan target, each in its own process group that a timeout or {@link
 * #cancel()} kills, and moves files to and from it: over SSH or on the Vigil host itself.
 */
interface TargetShell extends AutoCloseable {

  /** Runs {@code command} through {@code sh -c}, as root through {@code sudo -n} when asked. */
  default ExecResult exec(String command, Duration timeout, boolean sudo) throws ScanFailure {
    return exec(command, timeout, sudo, null);
  }

  /**
   * Runs {@code command} as {@link #exec(String, Duration, boolean)} does; with a non-null {@code
   * stdoutLines} its stdout goes to that listener line by line while it runs (from another thread)
   * and the result's stdout is empty.
   */
  ExecResult exec(
      String command, Duration timeout, boolean sudo, @Nullable Consumer<String> stdoutLines)
      throws ScanFailure;

  /**
   * Runs a scan script as the login user in its own process group, its stdout raw to {@code
   * stdout}; when {@code deadline} passes (the reader may move it) or on {@link #cancel()} the
   * groups the script reported are killed, through {@code sudo -n} when {@code killSudo}.
   */
  ExecResult runScript(String script, Deadline deadline, boolean killSudo, OutputStream stdout)
      throws ScanFailure;

  /** Copies a local file to {@code remotePath} on the target. */
  void upload(Path local, String remotePath) throws ScanFailure;

  /** Removes a directory of plain files as the login user; false when that did not work. */
  boolean removeDirectory(String remoteDir);

  /** Bytes uploaded through this shell. */
  long bytesUploaded();

  /** The host key the target presented, or null for the local host. */
  @Nullable String hostKeyFingerprint();

  /** True when files cross a network, so compressing them on the target is worth it. */
  boolean remote();

  /** Kills what runs now and refuses further commands (CANCELLED); safe from any thread. */
  void cancel();

  @Override
  void close();
}
