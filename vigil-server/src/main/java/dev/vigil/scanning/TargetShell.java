package dev.vigil.scanning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs shell command lines on a scan target, each in its own process group that a timeout or {@link
 * #cancel()} kills, and moves files to and from it: over SSH or on the Vigil host itself.
 */
interface TargetShell extends AutoCloseable {

  /** Runs {@code command} through {@code sh -c}, as root through {@code sudo -n} when asked. */
  ExecResult exec(String command, Duration timeout, boolean sudo) throws ScanFailure;

  /** Copies a local file to {@code remotePath} on the target. */
  void upload(Path local, String remotePath) throws ScanFailure;

  /** Copies each file on the target (key) into its local file (value). */
  void downloadAll(Map<String, Path> files) throws ScanFailure;

  /** Removes a directory of plain files as the login user; false when that did not work. */
  boolean removeDirectory(String remoteDir);

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
