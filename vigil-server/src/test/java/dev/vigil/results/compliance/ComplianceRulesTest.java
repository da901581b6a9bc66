package dev.vigil.results.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ComplianceRules;
import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComplianceRulesTest {

  private static final Instant SCANNED = Instant.parse("2026-01-10T10:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  @Test
  void noScanAndNoFailedRunIsNeverScanned() {
    assertThat(ComplianceRules.decide(null, null, WEEK, SCANNED))
        .isEqualTo(ComplianceStatus.NEVER_SCANNED);
  }

  @Test
  void aFailedRunWithoutAnyScanIsAnError() {
    assertThat(ComplianceRules.decide(null, SCANNED, WEEK, SCANNED))
        .isEqualTo(ComplianceStatus.ERROR);
  }

  @Test
  void aRunThatFailedAfterTheLatestScanIsAnErrorEvenWhenTheScanIsStale() {
    Instant later = SCANNED.plus(Duration.ofDays(9));
    assertThat(ComplianceRules.decide(scan(0, 0, false), later, WEEK, later))
        .isEqualTo(ComplianceStatus.ERROR);
  }

  @Test
  void aRunThatFailedBeforeTheLatestScanNoLongerCounts() {
    assertThat(
            ComplianceRules.decide(
                scan(0, 0, false), SCANNED.minusSeconds(60), WEEK, SCANNED.plusSeconds(1)))
        .isEqualTo(ComplianceStatus.COMPLIANT);
  }

  @Test
  void errorResultsWithoutFailuresAreAnErrorButFailuresWin() {
    Instant now = SCANNED.plusSeconds(1);
    assertThat(ComplianceRules.decide(scan(0, 1, false), null, WEEK, now))
        .isEqualTo(ComplianceStatus.ERROR);
    assertThat(ComplianceRules.decide(scan(2, 1, false), null, WEEK, now))
        .isEqualTo(ComplianceStatus.NON_COMPLIANT);
  }

  @Test
  void staleExactlyAfterTheAllowedAgeAndBeforeNotApplicableOrFailures() {
    Instant edge = SCANNED.plus(WEEK);
    assertThat(ComplianceRules.decide(scan(3, 0, false), null, WEEK, edge))
        .isEqualTo(ComplianceStatus.NON_COMPLIANT);
    assertThat(ComplianceRules.decide(scan(3, 0, false), null, WEEK, edge.plusSeconds(1)))
        .isEqualTo(ComplianceStatus.STALE);
    assertThat(ComplianceRules.decide(scan(0, 0, true), null, WEEK, edge.plusSeconds(1)))
        .isEqualTo(ComplianceStatus.STALE);
    assertThat(ComplianceRules.decide(scan(0, 0, true), null, WEEK, edge))
        .isEqualTo(ComplianceStatus.NOT_APPLICABLE);
    assertThat(ComplianceRules.decide(scan(0, 0, false), null, WEEK, edge))
        .isEqualTo(ComplianceStatus.COMPLIANT);
  }

  @Test
  void theWorstOfAServersProfilesFollowsTheDocumentedOrder() {
    assertThat(ComplianceStatus.COMPLIANT.worst(ComplianceStatus.NOT_APPLICABLE))
        .isEqualTo(ComplianceStatus.NOT_APPLICABLE);
    assertThat(ComplianceStatus.NEVER_SCANNED.worst(ComplianceStatus.NOT_APPLICABLE))
        .isEqualTo(ComplianceStatus.NEVER_SCANNED);
    assertThat(ComplianceStatus.STALE.worst(ComplianceStatus.NEVER_SCANNED))
        .isEqualTo(ComplianceStatus.STALE);
    assertThat(ComplianceStatus.STALE.worst(ComplianceStatus.NON_COMPLIANT))
        .isEqualTo(ComplianceStatus.NON_COMPLIANT);
    assertThat(ComplianceStatus.NON_COMPLIANT.worst(ComplianceStatus.ERROR))
        .isEqualTo(ComplianceStatus.ERROR);
    assertThat(ComplianceStatus.COMPLIANT.worst(null)).isEqualTo(ComplianceStatus.COMPLIANT);
    assertThat(ComplianceStatus.NON_COMPLIANT.code()).isEqualTo("non_compliant");
  }

  private static ComplianceScan scan(int fail, int error, boolean notApplicable) {
    return new ComplianceScan(
        1, 1, "p", "b", SCANNED, 50.0, 1, fail, error, notApplicable, null, null);
  }
}
