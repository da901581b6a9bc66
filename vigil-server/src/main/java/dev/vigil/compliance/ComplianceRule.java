package dev.vigil.compliance;

import dev.vigil.results.RuleOutcome;

/**
 * One rule across the fleet for a (benchmark, profile): how many servers' latest scans of the pair
 * fail it (not waived), pass it, fail it under a waiver, err on it, and found it otherwise
 * (notapplicable, notchecked, informational); a scan to read its text in (one that failed it when
 * any did).
 */
public record ComplianceRule(
    String ruleId,
    String title,
    String severity,
    int failCount,
    int passCount,
    int waivedCount,
    int errorCount,
    int otherCount,
    long textScanId) {

  /** The count of one outcome. */
  public int count(RuleOutcome outcome) {
    return switch (outcome) {
      case FAIL -> failCount;
      case PASS -> passCount;
      case WAIVED -> waivedCount;
      case ERROR -> errorCount;
      case OTHER -> otherCount;
    };
  }
}
