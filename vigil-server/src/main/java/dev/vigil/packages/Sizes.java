package dev.vigil.packages;

import java.time.Duration;

/** Formats sizes and durations for the sentences shown to users. */
final class Sizes {

  private static final long KB = 1024;
  private static final long MB = KB * 1024;
  private static final long GB = MB * 1024;

  private Sizes() {}

  /** "512 MB", "2 GB", "64 KB" or "100 bytes". */
  static String bytes(long bytes) {
    if (bytes >= GB && bytes % GB == 0) {
      return bytes / GB + " GB";
    }
    if (bytes >= MB && bytes % MB == 0) {
      return bytes / MB + " MB";
    }
    if (bytes >= KB && bytes % KB == 0) {
      return bytes / KB + " KB";
    }
    return bytes + " bytes";
  }

  /** "30 s", "10 min" or "250 ms". */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis >= 60_000 && millis % 60_000 == 0) {
      return millis / 60_000 + " min";
    }
    if (millis >= 1000 && millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return millis + " ms";
  }
}
