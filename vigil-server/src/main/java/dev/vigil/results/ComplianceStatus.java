package dev.vigil.results;

import java.util.Locale;

/**
 * Where a server stands against one profile (or, as the worst of them, overall). {@link #rank()}
 * orders them for "the worst of a server's profiles": error, non-compliant, stale, never scanned,
 * not applicable, compliant.
 */
public enum ComplianceStatus {
  ERROR(5, "Error"),
  NON_COMPLIANT(4, "Non-compliant"),
  STALE(3, "Stale"),
  NEVER_SCANNED(2, "Never scanned"),
  NOT_APPLICABLE(1, "Not applicable"),
  COMPLIANT(0, "Compliant");

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
