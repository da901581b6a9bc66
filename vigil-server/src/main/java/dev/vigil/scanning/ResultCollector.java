package dev.vigil.scanning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a finished scan's ARF and HTML report, which the scan command readied: the ARF compressed
 * on the target and decompressed here when the target is remote, as it is when local.
 */
final class ResultCollector {

  /** The local copies. */
  record Results(Path arf, Path report) {}

  private ResultCollector() {}

  static Results collect(TargetShell shell, ScanRequest request, String runDir) throws ScanFailure {
    Path localArf = null;
    Path localReport = null;
    try {
      localArf = Files.createTempFile("vigil-arf-", ".xml");
      localReport = Files.createTempFile("vigil-report-", ".html");
      if (shell.remote()) {
        fetchGzipped(shell, runDir + "/" + OscapCommand.ARF_GZ, localArf);
      } else {
        fetch(shell, runDir + "/" + OscapCommand.ARF, localArf);
      }
      fetch(shell, runDir + "/" + OscapCommand.REPORT, localReport);
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

  static ScanFailure unreadable(ScanRequest request, String runDir, String why) {
    return new ScanFailure(
        FailureReason.RESULTS_UNREADABLE,
        "cannot read the results in " + runDir + " on " + request.targetName() + ": " + why);
  }

  private static void fetch(TargetShell shell, String remote, Path local)
      throws IOException, ScanFailure {
    try (OutputStream out = Files.newOutputStream(local)) {
      shell.download(remote, out);
    }
  }

  private static void fetchGzipped(TargetShell shell, String remote, Path local)
      throws IOException, ScanFailure {
    Path compressed = Files.createTempFile("vigil-arf-", ".xml.gz");
    try {
      fetch(shell, remote, compressed);
      try (InputStream in = new GZIPInputStream(Files.newInputStream(compressed), 64 * 1024)) {
        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(compressed);
    }
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
