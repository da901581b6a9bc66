package dev.vigil.scanning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs shell commands as local processes on the Vigil host, for servers of type {@code local}. */
final class LocalCommands implements TargetProbe.Commands {

  private static final int MAX_OUTPUT = 1 << 20;

  private final Duration timeout;

  LocalCommands(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public ExecResult run(String command) throws ScanFailure {
    Process p;
    try {
      p =
          new ProcessBuilder("sh", "-c", command)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new ScanFailure(FailureReason.SCANNER_FAILED, "cannot run sh: " + e.getMessage(), e);
    }
    try (InputStream out = p.getInputStream()) {
      byte[] head = out.readNBytes(MAX_OUTPUT);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ScanFailure(
            FailureReason.SCAN_TIMED_OUT,
            "'" + command + "' timed out after " + Durations.seconds(timeout));
      }
      return new ExecResult(p.exitValue(), new String(head, StandardCharsets.UTF_8), "");
    } catch (IOException e) {
      p.destroyForcibly();
      throw new ScanFailure(FailureReason.SCANNER_FAILED, "reading '" + command + "' failed", e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ScanFailure(FailureReason.CANCELLED, "'" + command + "' was interrupted", e);
    }
  }
}
