package dev.vigil.compliance;

import static dev.vigil.results.ComplianceStatus.COMPLIANT;
import static dev.vigil.results.ComplianceStatus.ERROR;
import static dev.vigil.results.ComplianceStatus.NEVER_SCANNED;
import static dev.vigil.results.ComplianceStatus.NON_COMPLIANT;
import static dev.vigil.results.ComplianceStatus.NOT_APPLICABLE;
import static dev.vigil.results.ComplianceStatus.NOT_CHECKED;
import static dev.vigil.results.ComplianceStatus.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ComplianceRules;
import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceRulesTest {

  private static final Instant SCANNED = Instant.parse("2026-01-10T10:00:00Z");
  private static final Instant FRESH = SCANNED.plusSeconds(1);
  private static final Duration WEEK = Duration.ofDays(7);

  @Test
  void noScanAndNoFailedRunIsNeverScanned() {
    assertThat(ComplianceRules.decide(null, null, WEEK, SCANNED)).isEqualTo(NEVER_SCANNED);
  }

  @Test
  void aFailedRunWithoutAnyScanIsAnError() {
    assertThat(ComplianceRules.decide(null, SCANNED, WEEK, SCANNED)).isEqualTo(ERROR);
  }

  @Test
  void aRunThatFailedAfterTheLatestScanIsAnErrorEvenWhenTheScanIsStale() {
    Instant later = SCANNED.plus(Duration.ofDays(9));
    assertThat(ComplianceRules.decide(counts(1, 0, 0, 0), later, WEEK, later)).isEqualTo(ERROR);
  }

  @Test
  void aRunThatFailedAfterAFailingScanLeavesTheFailuresNonCompliant() {
    Instant later = SCANNED.plus(Duration.ofDays(9));
    assertThat(ComplianceRules.decide(counts(1, 2, 0, 0), later, WEEK, later))
        .isEqualTo(NON_COMPLIANT);
  }

  @Test
  void aRunThatFailedBeforeTheLatestScanNoLongerCounts() {
    assertThat(ComplianceRules.decide(counts(1, 0, 0, 0), SCANNED.minusSeconds(60), WEEK, FRESH))
        .isEqualTo(COMPLIANT);
  }

  @Test
  void errorOrUnknownResultsWithoutFailuresAreAnErrorButFailuresWin() {
    assertThat(decide(counts(1, 0, 1, 0))).isEqualTo(ERROR);
    assertThat(decide(counts(1, 0, 0, 1))).as("pass + unknown").isEqualTo(ERROR);
    assertThat(decide(counts(0, 0, 0, 1))).as("only unknown").isEqualTo(ERROR);
    assertThat(decide(counts(1, 2, 1, 1))).isEqualTo(NON_COMPLIANT);
  }

  @Test
  void nothingEvaluatedIsNotCheckedAndEveryRuleNotApplicableIsNotApplicable() {
    assertThat(decide(scan(0, 0, 0, 0, 1, 0, false))).as("only notchecked").isEqualTo(NOT_CHECKED);
    assertThat(decide(scan(0, 0, 0, 0, 1, 4, false)))
        .as("notchecked and notapplicable")
        .isEqualTo(NOT_CHECKED);
    assertThat(decide(scan(0, 0, 0, 0, 0, 0, true))).as("no selected rule").isEqualTo(NOT_CHECKED);
    assertThat(decide(scan(0, 0, 0, 0, 0, 3, true))).isEqualTo(NOT_APPLICABLE);
    assertThat(decide(scan(1, 0, 0, 0, 5, 3, false)))
        .as("one pass beside notchecked")
        .isEqualTo(COMPLIANT);
  }

  @Test
  void onlyACompliantVerdictGoesStaleAndAStaleFailureStaysNonCompliant() {
    Instant edge = SCANNED.plus(WEEK);
    Instant past = edge.plusSeconds(1);
    assertThat(ComplianceRules.decide(counts(1, 0, 0, 0), null, WEEK, edge)).isEqualTo(COMPLIANT);
    assertThat(ComplianceRules.decide(counts(1, 0, 0, 0), null, WEEK, past)).isEqualTo(STALE);
    assertThat(ComplianceRules.decide(counts(1, 3, 0, 0), null, WEEK, past))
        .isEqualTo(NON_COMPLIANT);
    assertThat(ComplianceRules.decide(counts(1, 0, 1, 0), null, WEEK, past)).isEqualTo(ERROR);
    assertThat(ComplianceRules.decide(scan(0, 0, 0, 0, 0, 3, true), null, WEEK, past))
        .isEqualTo(NOT_APPLICABLE);
    assertThat(ComplianceRules.decide(scan(0, 0, 0, 0, 2, 0, false), null, WEEK, past))
        .isEqualTo(NOT_CHECKED);
  }

  @Test
  void theWorstOfAServersPairsFollowsTheDocumentedOrder() {
    List<ComplianceStatus> order =
        List.of(NON_COMPLIANT, ERROR, STALE, NOT_CHECKED, NEVER_SCANNED, COMPLIANT, NOT_APPLICABLE);
    for (int i = 0; i < order.size(); i++) {
      for (int j = i; j < order.size(); j++) {
        assertThat(order.get(i).worst(order.get(j))).isEqualTo(order.get(i));
        assertThat(order.get(j).worst(order.get(i))).isEqualTo(order.get(i));
      }
    }
    assertThat(Arrays.asList(ComplianceStatus.values())).isEqualTo(order);
    assertThat(COMPLIANT.worst(null)).isEqualTo(COMPLIANT);
    assertThat(NON_COMPLIANT.code()).isEqualTo("non_compliant");
    assertThat(NOT_CHECKED.code()).isEqualTo("not_checked");
  }

  private static ComplianceStatus decide(ComplianceScan s) {
    return ComplianceRules.decide(s, null, WEEK, FRESH);
  }

  private static ComplianceScan counts(int pass, int fail, int error, int unknown) {
    return scan(pass, fail, error, unknown, 0, 0, false);
  }

  private static ComplianceScan scan(
      int pass,
      int fail,
      int error,
      int unknown,
      int notchecked,
      int notapplicable,
      boolean notApplicable) {
    return new ComplianceScan(
        1,
        1,
        "p",
        "b",
        null,
        null,
        SCANNED,
        50.0,
        100.0,
        pass,
        fail,
        error,
        unknown,
        notchecked,
        notapplicable,
        notApplicable,
        null,
        null);
  }
}
