package dev.vigil.scanning;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs shell command lines on a scan target, each in its own process group that a timeout or {@link
 * #cancel()} kills, and moves files to and from it: over SSH or on the Vigil host itself.
 */
interface TargetShell extends AutoCloseable {

  /** Runs {@code command} through {@code sh -c}, as root through {@code sudo -n} when asked. */
  ExecResult exec(String command, Duration timeout, boolean sudo) throws ScanFailure;

  /** Copies a local file to {@code remotePath} on the target. */
  void upload(Path local, String remotePath) throws ScanFailure;

  /** Copies {@code remotePath} on the target into {@code out}. */
  void download(String remotePath, OutputStream out) throws ScanFailure;

  /** Bytes uploaded through this shell. */
  long bytesUploaded();

  /** The host key the target presented, or null for the local host. */
  String hostKeyFingerprint();

  /** True when files cross a network, so compressing them on the target is worth it. */
  boolean remote();

  /** Kills what runs now and refuses further commands (CANCELLED); safe from any thread. */
  void cancel();

  @Override
  void close();
}
