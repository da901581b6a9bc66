package dev.vigil.results;

import java.util.Locale;

/**
 * Where a server stands against one (benchmark, profile) pair (or, as the worst of them, overall);
 * the rules are {@link ComplianceRules}. Declared worst first: {@link #rank()} orders them for "the
 * worst of a server's pairs" — non-compliant, error, stale, not checked, never scanned, compliant —
 * and not applicable ranks below all, so it is a server's status only when every pair is.
 */
public enum ComplianceStatus {
  NON_COMPLIANT(6, "Non-compliant"),
  ERROR(5, "Error"),
  STALE(4, "Stale"),
  NOT_CHECKED(3, "Not checked"),
  NEVER_SCANNED(2, "Never scanned"),
  COMPLIANT(1, "Compliant"),
  NOT_APPLICABLE(0, "Not applicable");

  private final int rank;
  private final String label;

  ComplianceStatus(int rank, String label) {
    this.rank = rank;
    this.label = label;
  }

  /** The API code, e.g. {@code non_compliant}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The CSS class of its badge, e.g. {@code compliance-non-compliant}. */
  public String css() {
    return "compliance-" + code().replace('_', '-');
  }

  public String label() {
    return label;
  }

  /** Higher is worse. */
  public int rank() {
    return rank;
  }

  /** The worse of the two. */
  public ComplianceStatus worst(ComplianceStatus other) {
    return other == null || rank >= other.rank ? this : other;
  }
}
