package dev.vigil.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.StoredRuleResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which result changes count as which kind, and matching by rule id whatever the order. */
class ScanDiffKindTest {

  @Test
  void passIsPassOrFixedAndFailIsFailOnly() {
    assertThat(ScanDiffKind.between("pass", "fail")).contains(ScanDiffKind.PASS_TO_FAIL);
    assertThat(ScanDiffKind.between("fixed", "fail")).contains(ScanDiffKind.PASS_TO_FAIL);
    assertThat(ScanDiffKind.between("fail", "fixed")).contains(ScanDiffKind.FAIL_TO_PASS);
    assertThat(ScanDiffKind.between("pass", "fixed")).isEmpty();
    assertThat(ScanDiffKind.between("fail", "fail")).isEmpty();
    assertThat(ScanDiffKind.between("pass", "error")).contains(ScanDiffKind.OTHER);
    assertThat(ScanDiffKind.between("error", "fail")).contains(ScanDiffKind.OTHER);
    assertThat(ScanDiffKind.between("notapplicable", "pass")).contains(ScanDiffKind.OTHER);
  }

  @Test
  void aNotSelectedRuleCountsAsAbsent() {
    assertThat(ScanDiffKind.between("notselected", "pass")).contains(ScanDiffKind.NEW);
    assertThat(ScanDiffKind.between(null, "fail")).contains(ScanDiffKind.NEW);
    assertThat(ScanDiffKind.between("fail", "notselected")).contains(ScanDiffKind.GONE);
    assertThat(ScanDiffKind.between("pass", null)).contains(ScanDiffKind.GONE);
    assertThat(ScanDiffKind.between("notselected", null)).isEmpty();
    assertThat(ScanDiffKind.between("notselected", "notselected")).isEmpty();
  }

  @Test
  void codesParseIgnoringCaseAndNothingElse() {
    assertThat(ScanDiffKind.of("PASS_TO_FAIL")).contains(ScanDiffKind.PASS_TO_FAIL);
    assertThat(ScanDiffKind.of("gone")).contains(ScanDiffKind.GONE);
    assertThat(ScanDiffKind.of("pass-to-fail")).isEqualTo(Optional.empty());
    assertThat(ScanDiffKind.codes()).isEqualTo("pass_to_fail, fail_to_pass, new, gone, other");
  }

  @Test
  void rulesAreMatchedByIdInAnyOrderAndChangesComeNewlyFailingFirstThenBySeverity() {
    List<StoredRuleResult> before =
        List.of(rule("a", "pass", "low"), rule("b", "fail", "high"), rule("c", "pass", "low"));
    List<StoredRuleResult> after =
        List.of(
            rule("d", "fail", "low"),
            rule("c", "fail", "high"),
            rule("b", "pass", "high"),
            rule("a", "fail", "low"));
    ScanDiff diff = new ScanDiff(null, null, ScanComparison.changes(before, after));
    assertThat(diff.changes()).extracting(ScanDiffRule::ruleId).containsExactly("c", "a", "b", "d");
    assertThat(diff.counts())
        .containsEntry(ScanDiffKind.PASS_TO_FAIL, 2)
        .containsEntry(ScanDiffKind.FAIL_TO_PASS, 1)
        .containsEntry(ScanDiffKind.NEW, 1)
        .containsEntry(ScanDiffKind.GONE, 0);
    assertThat(diff.only(List.of(ScanDiffKind.NEW)).changes())
        .extracting(ScanDiffRule::ruleId)
        .containsExactly("d");
  }

  private static StoredRuleResult rule(String id, String result, String severity) {
    return new StoredRuleResult(id, result, severity, "Rule " + id, List.of());
  }
}
