package dev.vigil.results;

import java.time.Duration;
import java.time.Instant;

/**
 * The status of one server against one (benchmark, profile) pair (or one job), from its latest
 * scan, the latest failed or timed-out target run and how old a scan may get — the table of
 * docs/architecture.md "Compliance status". A verdict never says more than oscap found: compliant
 * needs a pass and nothing failed, erred or came back unknown.
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
    ComplianceStatus found = verdict(latest);
    if (found == ComplianceStatus.NON_COMPLIANT) {
      return found;
    }
    if (lastFailure != null && lastFailure.isAfter(latest.scanDate())) {
      return ComplianceStatus.ERROR;
    }
    if (found == ComplianceStatus.COMPLIANT && now.isAfter(latest.scanDate().plus(staleAfter))) {
      return ComplianceStatus.STALE;
    }
    return found;
  }

  /**
   * What one scan's rule results amount to, whatever its age: non-compliant (a fail), error (an
   * error or unknown), compliant (a pass or fixed), not applicable (every selected rule
   * notapplicable), else not checked (nothing evaluated: notchecked, informational, no rule).
   */
  public static ComplianceStatus verdict(ComplianceScan s) {
    if (s.failCount() > 0) {
      return ComplianceStatus.NON_COMPLIANT;
    }
    if (s.errorCount() > 0 || s.unknownCount() > 0) {
      return ComplianceStatus.ERROR;
    }
    if (s.passCount() > 0) {
      return ComplianceStatus.COMPLIANT;
    }
    if (s.notApplicable() && s.notapplicableCount() > 0) {
      return ComplianceStatus.NOT_APPLICABLE;
    }
    return ComplianceStatus.NOT_CHECKED;
  }
}
