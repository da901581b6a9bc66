package dev.vigil.scanning;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a scan script's stdout as it streams (see {@link ScanScript}): keeps the preflight's lines,
 * moves the scan to {@link ScanPhase#SCANNING} (and its deadline to the scan timeout) when oscap
 * starts, hands oscap's progress lines to {@link OscapProgress}, and writes the ARF and the report
 * that follow into local temporary files as they arrive (the deadline back to the step limit).
 * Lines are cut at 4 KiB and made inert ({@link TargetText}); the script's own lines start with
 * {@code vigil-}.
 */
final class ScanOutput extends OutputStream {

  private static final int MAX_LINE = 4096;
  private static final int MAX_PREFLIGHT_LINES = 10_000;

  private final ScanControl control;
  private final OscapProgress progress;
  private final Deadline deadline;
  private final Duration scanTimeout;
  private final Duration stepTimeout;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final List<String> preflight = new ArrayList<>();
  private final Map<String, Path> received = new HashMap<>();
  private @Nullable OutputStream file;
  private @Nullable String fileName;
  private @Nullable Path filePath;
  private long fileLeft;
  private volatile boolean scanning;
  private volatile boolean uploadNeeded;
  private volatile boolean cleaned;
  private volatile String version = "";
  private volatile String os = "";
  private @Nullable String broken;

  ScanOutput(ScanControl control, Deadline deadline, Duration scanTimeout, Duration stepTimeout) {
    this.control = control;
    this.progress = new OscapProgress(control);
    this.deadline = deadline;
    this.scanTimeout = scanTimeout;
    this.stepTimeout = stepTimeout;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      if (fileLeft > 0) {
        int n = (int) Math.min(fileLeft, end - i);
        writeFile(b, i, n);
        i += n;
        continue;
      }
      byte c = b[i++];
      if (c == '\n') {
        endLine();
      } else if (line.size() < MAX_LINE) {
        line.write(c);
      }
    }
  }

  /** The preflight's part of the output, as a command's result with the script's exit status. */
  synchronized ExecResult preflight(ExecResult result) {
    return new ExecResult(
        scanning ? 0 : result.exitCode(), String.join("\n", preflight) + "\n", result.stderrTail());
  }

  /** Whether the scan step began (the checklist was in place and preflight passed). */
  boolean scanning() {
    return scanning;
  }

  /** Whether the first script stopped because the cache lacks the checklist. */
  boolean uploadNeeded() {
    return uploadNeeded;
  }

  /** Whether the script removed its run directory. */
  boolean cleaned() {
    return cleaned;
  }

  /** Whether the results were being sent when the script ended. */
  boolean collecting() {
    return control.phase() == ScanPhase.COLLECTING;
  }

  String oscapVersion() {
    return version;
  }

  /** The target's OS ({@code PRETTY_NAME} of its os-release), "" when it has none. */
  String osName() {
    return os;
  }

  boolean resultsMissing() {
    return progress.resultsMissing();
  }

  /**
   * The received ARF (decompressed when it came gzip'd) and report, complete; the caller deletes
   * them.
   *
   * @throws ScanFailure RESULTS_UNREADABLE when a file did not arrive whole
   */
  synchronized ScanFiles results(ScanRequest request, String runDir) throws ScanFailure {
    closeFile();
    if (broken != null || fileLeft > 0) {
      throw unreadable(request, runDir, broken != null ? broken : fileName + " arrived incomplete");
    }
    Path report = received.remove(OscapCommand.REPORT);
    Path arf = received.remove(OscapCommand.ARF);
    Path gz = received.remove(OscapCommand.ARF + ".gz");
    Path packedReport = received.remove(OscapCommand.REPORT + ".gz");
    try {
      if (arf == null && gz != null) {
        arf = gunzip(gz);
      }
      if (report == null && packedReport != null) {
        report = gunzip(packedReport);
      }
      if (arf == null || report == null) {
        throw unreadable(request, runDir, "the ARF or the report was not sent");
      }
      return new ScanFiles(arf, report);
    } catch (IOException e) {
      deleteQuietly(arf);
      deleteQuietly(report);
      throw unreadable(request, runDir, e.toString());
    } finally {
      deleteQuietly(gz);
      deleteQuietly(packedReport);
    }
  }

  /** Deletes every file received and not handed out. */
  synchronized void discard() {
    closeFile();
    deleteQuietly(filePath);
    received.values().forEach(ScanOutput::deleteQuietly);
    received.clear();
  }

  static ScanFailure unreadable(ScanRequest request, String runDir, String why) {
    return new ScanFailure(
        FailureReason.RESULTS_UNREADABLE,
        "cannot read the results in " + runDir + " on " + request.targetName() + ": " + why);
  }

  /** A finished scan's local ARF and report. */
  record ScanFiles(Path arf, Path report) {}

  private void endLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    text = TargetText.inert(text);
    if (!scanning) {
      preflightLine(text);
    } else if (text.startsWith(ScanScript.FILE)) {
      startFile(text.substring(ScanScript.FILE.length()));
    } else if (text.startsWith(ScanScript.VERSION)) {
      version = TargetText.inert(text.substring(ScanScript.VERSION.length()).strip());
    } else if (text.startsWith(ScanScript.OS)) {
      os = TargetText.inert(text.substring(ScanScript.OS.length()).strip());
    } else if (text.equals(ScanScript.RESULTS)) {
      control.advance(ScanPhase.COLLECTING);
      deadline.reset(stepTimeout);
    } else if (text.equals(ScanScript.CLEANED)) {
      cleaned = true;
    } else {
      progress.line(text);
    }
  }

  private void preflightLine(String text) {
    if (text.equals(ScanScript.SCANNING)) {
      scanning = true;
      deadline.reset(scanTimeout);
      control.advance(ScanPhase.SCANNING);
    } else if (text.equals(ScanScript.UPLOAD)) {
      uploadNeeded = true;
    } else if (preflight.size() < MAX_PREFLIGHT_LINES) {
      preflight.add(text);
    }
  }

  private void startFile(String header) {
    String[] parts = header.split(" ");
    long size;
    try {
      size = parts.length == 2 ? Long.parseLong(parts[1]) : -1;
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 0 || !parts[0].matches("(arf\\.xml|report\\.html)(\\.gz)?")) {
      broken = "unexpected result header: " + header;
      return;
    }
    fileName = parts[0];
    fileLeft = size;
    try {
      filePath = Files.createTempFile("vigil-" + fileName + "-", "");
      file = new BufferedOutputStream(Files.newOutputStream(filePath), 64 * 1024);
    } catch (IOException e) {
      broken = "cannot write " + fileName + " here: " + e;
      file = OutputStream.nullOutputStream();
    }
    if (fileLeft == 0) {
      closeFile();
    }
  }

  private void writeFile(byte[] b, int off, int len) {
    OutputStream out = file;
    if (out == null) {
      throw new IllegalStateException("result bytes outside a file"); // fileLeft > 0: file open
    }
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      broken = "cannot write " + fileName + " here: " + e;
      file = OutputStream.nullOutputStream();
    }
    fileLeft -= len;
    if (fileLeft == 0) {
      closeFile();
    }
  }

  private void closeFile() {
    if (file == null) {
      return;
    }
    try {
      file.close();
    } catch (IOException e) {
      broken = "cannot write " + fileName + " here: " + e;
    }
    file = null;
    if (fileLeft == 0 && filePath != null) {
      Path old = received.put(fileName, filePath);
      deleteQuietly(old);
      filePath = null;
    }
  }

  private static Path gunzip(Path compressed) throws IOException {
    Path plain = Files.createTempFile("vigil-results-", "");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(compressed), 64 * 1024)) {
      Files.copy(in, plain, StandardCopyOption.REPLACE_EXISTING);
      return plain;
    } catch (IOException e) {
      deleteQuietly(plain);
      throw e;
    }
  }

  static void deleteQuietly(@Nullable Path file) {
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
