package dev.vigil.executions;

import dev.vigil.scanning.ScanControl;

/** How many rules a running scan has evaluated, as its control reports it. */
final class ScanProgress {

  private ScanProgress() {}

  /** Rules evaluated so far; null when the scan has not started evaluating. */
  static Integer rulesEvaluated(ScanControl control) {
    return null;
  }
}
