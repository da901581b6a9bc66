package dev.vigil.scanning;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A {@link TargetShell} over one SSH session. */
final class SshTargetShell implements TargetShell {

  private final SshSession session;

  SshTargetShell(SshSession session) {
    this.session = session;
  }

  @Override
  public ExecResult exec(
      String command, Duration timeout, boolean sudo, @Nullable Consumer<String> stdoutLines)
      throws ScanFailure {
    return session.exec(command, timeout, sudo, stdoutLines);
  }

  @Override
  public ExecResult runScript(
      String script, Deadline deadline, boolean killSudo, OutputStream stdout) throws ScanFailure {
    return session.runScript(script, deadline, killSudo, stdout);
  }

  @Override
  public void upload(Path local, String remotePath) throws ScanFailure {
    session.upload(local, remotePath);
  }

  @Override
  public boolean removeDirectory(String remoteDir) {
    return session.removeDirectory(remoteDir);
  }

  @Override
  public long bytesUploaded() {
    return session.bytesUploaded();
  }

  @Override
  public @Nullable String hostKeyFingerprint() {
    return session.hostKeyFingerprint();
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public void cancel() {
    session.cancel();
  }

  @Override
  public void close() {
    session.close();
  }
}
