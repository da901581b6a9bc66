package dev.vigil.scanning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Path compressed = Files.createTempFile("vigil-arf-", ".xml.gz");
        try {
          shell.downloadAll(files(runDir, OscapCommand.ARF_GZ, compressed, localReport));
          gunzip(compressed, localArf);
        } finally {
          Files.deleteIfExists(compressed);
        }
      } else {
        shell.downloadAll(files(runDir, OscapCommand.ARF, localArf, localReport));
      }
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

  private static Map<String, Path> files(String runDir, String arf, Path localArf, Path report) {
    Map<String, Path> files = new LinkedHashMap<>();
    files.put(runDir + "/" + arf, localArf);
    files.put(runDir + "/" + OscapCommand.REPORT, report);
    return files;
  }

  private static void gunzip(Path compressed, Path local) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(compressed), 64 * 1024)) {
      Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
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
