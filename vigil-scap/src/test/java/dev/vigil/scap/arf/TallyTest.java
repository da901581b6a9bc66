package dev.vigil.scap.arf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts say about a scan: not applicable or not, and the one-line summary. */
class TallyTest {

  @Test
  void countsAllNineTypesIncludingZerosAndNotselected() {
    var counts = Tally.counts(results(ResultType.PASS, ResultType.NOTSELECTED, ResultType.PASS));

    assertThat(counts).hasSize(9).containsEntry(ResultType.PASS, 2);
    assertThat(counts).containsEntry(ResultType.NOTSELECTED, 1).containsEntry(ResultType.FAIL, 0);
  }

  @Test
  void notApplicableWhenEverySelectedResultIsNotapplicable() {
    var counts = Tally.counts(results(ResultType.NOTAPPLICABLE, ResultType.NOTSELECTED));

    assertThat(Tally.notApplicable(counts)).isTrue();
    assertThat(Tally.summary(counts)).isEqualTo(ScanReport.NOT_APPLICABLE_SUMMARY);
  }

  @Test
  void notApplicableWhenNothingIsSelected() {
    assertThat(Tally.notApplicable(Tally.counts(results(ResultType.NOTSELECTED)))).isTrue();
    assertThat(Tally.notApplicable(Tally.counts(results()))).isTrue();
  }

  @Test
  void oneApplicableResultMakesItApplicable() {
    var counts = Tally.counts(results(ResultType.NOTAPPLICABLE, ResultType.NOTCHECKED));

    assertThat(Tally.notApplicable(counts)).isFalse();
    assertThat(Tally.summary(counts)).isEqualTo("1 notapplicable, 1 notchecked");
  }

  @Test
  void summaryListsNonZeroCountsInXccdfOrder() {
    var counts =
        Tally.counts(
            results(ResultType.FAIL, ResultType.PASS, ResultType.NOTSELECTED, ResultType.PASS));

    assertThat(Tally.summary(counts)).isEqualTo("2 pass, 1 fail, 1 notselected");
  }

  private static List<RuleResult> results(ResultType... types) {
    return Arrays.stream(types)
        .map(t -> new RuleResult("r", t, null, null, null, List.of(), null, null, null))
        .toList();
  }
}
