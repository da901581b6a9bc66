package dev.vigil.bench;

import dev.vigil.bench.IndexBenchmark.Sample;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@code oscap info} (or another oscap command on the file, such as {@code ds sds-validate})
 * as a process and measures its wall time and peak resident set size.
 */
final class OscapInfo {
  private static final Path TIME = Path.of("/usr/bin/time");

  private OscapInfo() {}

  static Sample measureOnce(Path file) throws IOException, InterruptedException {
    return measureOnce(file, List.of("info"));
  }

  /** {@code oscap <words…> <file>}, e.g. {@code List.of("ds", "sds-validate")}. */
  static Sample measureOnce(Path file, List<String> words)
      throws IOException, InterruptedException {
    List<String> oscap = new java.util.ArrayList<>(List.of("oscap"));
    oscap.addAll(words);
    oscap.add(file.toString());
    return Files.isExecutable(TIME) ? withTime(oscap) : withProcStatus(oscap);
  }

  /** Peak RSS as GNU time reports it ({@code %M}, KiB). */
  private static Sample withTime(List<String> oscap) throws IOException, InterruptedException {
    Path out = Files.createTempFile("oscap-time", ".txt");
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of(TIME.toString(), "-f", "%M", "-o"));
      cmd.add(out.toString());
      cmd.addAll(oscap);
      long nanos = run(cmd);
      long kib =
          Long.parseLong(Files.readString(out).strip().lines().reduce((a, b) -> b).orElse("0"));
      return new Sample(nanos, kib * 1024);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Peak RSS polled from /proc/PID/status VmHWM while the process runs (may miss the very end). */
  private static Sample withProcStatus(List<String> oscap)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p = start(oscap);
    long hwm = 0;
    while (p.isAlive()) {
      hwm = Math.max(hwm, vmHwmKib(Path.of("/proc", String.valueOf(p.pid()), "status")));
      Thread.sleep(2);
    }
    long nanos = System.nanoTime() - start;
    return new Sample(nanos, hwm * 1024);
  }

  private static long run(List<String> cmd) throws IOException, InterruptedException {
    long start = System.nanoTime();
    int exit = start(cmd).waitFor();
    long nanos = System.nanoTime() - start;
    if (exit != 0) {
      throw new IOException("exit " + exit + ": " + cmd);
    }
    return nanos;
  }

  private static Process start(List<String> cmd) throws IOException {
    return new ProcessBuilder(cmd)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  static long selfPeakRssKib() {
    return vmHwmKib(Path.of("/proc/self/status"));
  }

  private static long vmHwmKib(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
