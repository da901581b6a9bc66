package dev.vigil.scanning;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A {@link TargetShell} on the Vigil host itself: local processes, and no upload at all. */
final class LocalTargetShell implements TargetShell {

  private final Set<LocalCommandRun> running = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  @Override
  public ExecResult exec(
      String command, Duration timeout, boolean sudo, @Nullable Consumer<String> stdoutLines)
      throws ScanFailure {
    return run(new LocalCommandRun(command, sudo, stdoutLines), Deadline.after(timeout));
  }

  @Override
  public ExecResult runScript(
      String script, Deadline deadline, boolean killSudo, OutputStream stdout) throws ScanFailure {
    return run(new LocalCommandRun(script, false, killSudo, CommandOutput.raw(stdout)), deadline);
  }

  private ExecResult run(LocalCommandRun run, Deadline deadline) throws ScanFailure {
    running.add(run);
    try {
      if (cancelled || !run.start()) {
        throw cancelledFailure();
      }
      if (!run.awaitEnd(deadline)) {
        run.kill();
        if (cancelled) {
          throw cancelledFailure();
        }
        throw new ScanFailure(
            FailureReason.SCAN_TIMED_OUT,
            "local command timed out after " + Durations.seconds(deadline.limit()));
      }
      if (run.cancelled()) {
        throw cancelledFailure();
      }
      return run.result();
    } catch (IOException e) {
      throw new ScanFailure(FailureReason.SCANNER_FAILED, "cannot run sh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      run.kill();
      throw cancelledFailure();
    } finally {
      running.remove(run);
    }
  }

  @Override
  public void upload(Path local, String remotePath) {
    throw new UnsupportedOperationException("a local target reads the checklist in place");
  }

  @Override
  public boolean removeDirectory(String dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir))) {
      for (Path file : files) {
        Files.delete(file);
      }
      Files.delete(Path.of(dir));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public long bytesUploaded() {
    return 0;
  }

  @Override
  public @Nullable String hostKeyFingerprint() {
    return null;
  }

  @Override
  public boolean remote() {
    return false;
  }

  @Override
  public void cancel() {
    cancelled = true;
    running.forEach(LocalCommandRun::cancel);
  }

  @Override
  public void close() {
    cancel();
  }

  private static ScanFailure cancelledFailure() {
    return new ScanFailure(FailureReason.CANCELLED, "local command cancelled");
  }
}
