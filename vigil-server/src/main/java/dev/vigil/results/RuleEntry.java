package dev.vigil.results;

import java.util.List;

/** One rule of a rule dictionary: what every scan of the benchmark reports the same way. */
public record RuleEntry(String ruleId, String severity, String title, List<String> idents) {

  static final int MAX_TEXT = 2000;

  public RuleEntry {
    title = truncate(title);
    idents = List.copyOf(idents);
  }

  /** The idents as stored: space-separated, cut at {@link #MAX_TEXT} characters. */
  String identsText() {
    return truncate(String.join(" ", idents));
  }

  static List<String> identsOf(String text) {
    return text == null || text.isBlank() ? List.of() : List.of(text.split(" "));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }
}
