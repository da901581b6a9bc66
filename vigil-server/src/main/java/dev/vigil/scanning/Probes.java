package dev.vigil.scanning;

import org.jspecify.annotations.Nullable;

/**
 * Parses the output of {@code df -Pk} and {@code /proc/meminfo} into byte counts, and of {@code
 * /proc/loadavg} with {@code nproc} into a CPU usage.
 */
final class Probes {

  private Probes() {}

  /** {total, available} bytes from {@code df -Pk <dir>}; nulls when unreadable. */
  static long[] disk(String dfOutput) {
    String[] lines = dfOutput.strip().split("\n");
    if (lines.length < 2) {
      return new long[] {0, 0};
    }
    String[] cols = lines[lines.length - 1].trim().split("\\s+");
    try {
      return new long[] {Long.parseLong(cols[1]) * 1024, Long.parseLong(cols[3]) * 1024};
    } catch (RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** {total, available} bytes from {@code /proc/meminfo}. */
  static long[] memory(String meminfo) {
    long total = 0;
    long free = -1;
    long memFree = 0;
    for (String line : meminfo.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length < 2) {
        continue;
      }
      long bytes = kib(parts[1]);
      switch (parts[0]) {
        case "MemTotal:" -> total = bytes;
        case "MemAvailable:" -> free = bytes;
        case "MemFree:" -> memFree = bytes;
        default -> {}
      }
    }
    return new long[] {total, free < 0 ? memFree : free};
  }

  /**
   * CPU usage in percent from {@code cat /proc/loadavg; nproc}: the one-minute load average per
   * CPU, at most 100; null when unreadable.
   */
  static @Nullable Double cpuUsage(String loadavgAndNproc) {
    String[] lines = loadavgAndNproc.strip().split("\n");
    if (lines.length < 2) {
      return null;
    }
    try {
      double load = Double.parseDouble(lines[0].trim().split("\\s+")[0]);
      int cpus = Integer.parseInt(lines[lines.length - 1].trim());
      if (cpus <= 0 || load < 0) {
        return null;
      }
      return Math.min(100.0, Math.round(load * 1000.0 / cpus) / 10.0);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static long kib(String value) {
    try {
      return Long.parseLong(value) * 1024;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
