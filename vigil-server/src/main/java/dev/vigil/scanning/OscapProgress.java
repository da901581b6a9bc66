package dev.vigil.scanning;

import java.util.Set;

/**
 * Reads the stdout of the scan command as it streams: {@code oscap xccdf eval --progress} prints
 * one {@code <rule id>:<result>} line per evaluated rule, each counted on the scan's {@link
 * ScanControl}; the command's own {@link OscapCommand#RESULTS_MISSING} line is remembered. Keeps no
 * lines.
 */
final class OscapProgress {

  private static final Set<String> RESULTS =
      Set.of(
          "pass",
          "fail",
          "error",
          "unknown",
          "notapplicable",
          "notchecked",
          "notselected",
          "informational",
          "fixed");

  private final ScanControl control;
  private volatile boolean resultsMissing;

  OscapProgress(ScanControl control) {
    this.control = control;
  }

  void line(String line) {
    if (line.equals(OscapCommand.RESULTS_MISSING)) {
      resultsMissing = true;
      return;
    }
    int colon = line.lastIndexOf(':');
    if (colon > 0 && RESULTS.contains(line.substring(colon + 1))) {
      control.ruleEvaluated();
    }
  }

  /** Whether the command said that oscap left no ARF or no report. */
  boolean resultsMissing() {
    return resultsMissing;
  }
}
