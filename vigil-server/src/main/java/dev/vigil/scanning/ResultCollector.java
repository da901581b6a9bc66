package dev.vigil.scanning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a finished scan's ARF and HTML report: compressed with {@code gzip -c} on the target and
 * decompressed here when the target is remote, copied as they are when it is local.
 */
final class ResultCollector {

  /** The local copies. */
  record Results(Path arf, Path report) {}

  private ResultCollector() {}

  static Results collect(
      TargetShell shell, ScanRequest request, String runDir, boolean sudo, Duration timeout)
      throws ScanFailure {
    String arf = runDir + "/" + OscapCommand.ARF;
    String report = runDir + "/" + OscapCommand.REPORT;
    String arfToFetch = shell.remote() ? arf + ".gz" : arf;
    String prepare =
        "cd "
            + Shell.quote(runDir)
            + " && [ -s arf.xml ] && [ -s report.html ] || exit 3\n"
            + (shell.remote() ? "gzip -c arf.xml > arf.xml.gz || exit 4\n" : "")
            + "chmod 644 "
            + Shell.quote(arfToFetch)
            + " report.html";
    ExecResult result = shell.exec(prepare, timeout, sudo);
    if (result.exitCode() != 0) {
      throw unreadable(request, runDir, StderrLines.last(result.stderrTail(), 3));
    }
    Path localArf = null;
    Path localReport = null;
    try {
      localArf = Files.createTempFile("vigil-arf-", ".xml");
      localReport = Files.createTempFile("vigil-report-", ".html");
      fetch(shell, arfToFetch, localArf, shell.remote());
      fetch(shell, report, localReport, false);
      return new Results(localArf, localReport);
    } catch (IOException | ScanFailure | RuntimeException e) {
      deleteQuietly(localArf);
      deleteQuietly(localReport);
      if (e instanceof ScanFailure failure) {
        throw failure;
      }
      throw unreadable(request, runDir, e.toString());
    }
  }

  private static void fetch(TargetShell shell, String remote, Path local, boolean gzipped)
      throws IOException, ScanFailure {
    if (!gzipped) {
      try (OutputStream out = Files.newOutputStream(local)) {
        shell.download(remote, out);
      }
      return;
    }
    Path compressed = Files.createTempFile("vigil-arf-", ".xml.gz");
    try {
      try (OutputStream out = Files.newOutputStream(compressed)) {
        shell.download(remote, out);
      }
      try (InputStream in = new GZIPInputStream(Files.newInputStream(compressed), 64 * 1024)) {
        Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(compressed);
    }
  }

  private static ScanFailure unreadable(ScanRequest request, String runDir, String why) {
    return new ScanFailure(
        FailureReason.RESULTS_UNREADABLE,
        "cannot read the results in " + runDir + " on " + request.targetName() + ": " + why);
  }

  static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file; the OS cleans its temp directory
    }
  }
}
