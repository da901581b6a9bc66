package dev.vigil.results;

import java.time.Duration;
import java.time.Instant;

/**
 * The status of one server against one profile (or one job), from its latest scan, the latest
 * failed or timed-out target run and how old a scan may get. Checked in this order: never scanned
 * (no scan and no failed run), error (a run failed after the latest scan, or the latest scan has
 * error results and no failure), stale, not applicable, non-compliant, compliant.
 */
public final class ComplianceRules {

  private ComplianceRules() {}

  /**
   * @param latest the latest scan, null when none
   * @param lastFailure when the latest failed or timed-out target run ended, null when none
   * @param staleAfter how old the latest scan may be
   * @param now the application clock's now
   */
  public static ComplianceStatus decide(
      ComplianceScan latest, Instant lastFailure, Duration staleAfter, Instant now) {
    if (latest == null) {
      return lastFailure == null ? ComplianceStatus.NEVER_SCANNED : ComplianceStatus.ERROR;
    }
    if (lastFailure != null && lastFailure.isAfter(latest.scanDate())) {
      return ComplianceStatus.ERROR;
    }
    if (latest.errorCount() > 0 && latest.failCount() == 0) {
      return ComplianceStatus.ERROR;
    }
    if (now.isAfter(latest.scanDate().plus(staleAfter))) {
      return ComplianceStatus.STALE;
    }
    if (latest.notApplicable()) {
      return ComplianceStatus.NOT_APPLICABLE;
    }
    return latest.failCount() > 0 ? ComplianceStatus.NON_COMPLIANT : ComplianceStatus.COMPLIANT;
  }
}
