package dev.vigil.compliance;

/**
 * One rule whose result changed between two scans; {@code before} or {@code after} is null where
 * the rule was absent or not selected.
 */
public record ScanDiffRule(
    String ruleId, String title, String severity, String before, String after, ScanDiffKind kind) {

  /** Severity as a sort rank: high first, then medium, low, and the rest. */
  int severityRank() {
    if (severity == null) {
      return 4;
    }
    return switch (severity) {
      case "high" -> 0;
      case "medium" -> 1;
      case "low" -> 2;
      default -> 3;
    };
  }
}
