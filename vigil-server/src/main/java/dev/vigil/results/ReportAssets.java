package dev.vigil.results;

import dev.vigil.storage.RecurringSegments;
import java.nio.charset.StandardCharsets;

/**
 * The part of oscap's HTML report that every report repeats: the CSS and JavaScript embedded in its
 * head, from the first {@code <style} to {@code </head>} (~220 KB with OpenSCAP 1.3, the same bytes
 * for any content and profile). Compressed once per node and spliced into each report's gzip
 * ({@link RecurringSegments}), instead of being compressed again for every scan.
 */
final class ReportAssets {

  /** Heads shorter than this are compressed with the rest of the report. */
  static final int MIN_LENGTH = 16 * 1024;

  private static final String STYLE = "<style";
  private static final String HEAD_END = "</head>";

  private ReportAssets() {}

  /** A node's cache of report heads. */
  static RecurringSegments segments() {
    return new RecurringSegments(ReportAssets::locate, MIN_LENGTH);
  }

  /** {@code {from, to}} of the embedded assets, or null when the file has no such head. */
  static int[] locate(byte[] html) {
    // one byte per char: String.indexOf is the JDK's vectorised search
    String text = new String(html, StandardCharsets.ISO_8859_1);
    int from = text.indexOf(STYLE);
    if (from < 0) {
      return null;
    }
    int to = text.indexOf(HEAD_END, from);
    return to < 0 ? null : new int[] {from, to};
  }
}
