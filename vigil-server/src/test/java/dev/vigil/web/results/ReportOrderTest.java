package dev.vigil.web.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.StoredRuleResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportOrderTest {

  private static StoredRuleResult rule(String id, String result, String severity) {
    return new StoredRuleResult(id, result, severity, id, List.of());
  }

  @Test
  void failuresComeFirstFromHighToLowSeverityThenTheRestInRecordedOrder() {
    List<StoredRuleResult> recorded =
        List.of(
            rule("p1", "pass", "high"),
            rule("f-low", "fail", "low"),
            rule("n1", "notselected", "high"),
            rule("e-high", "error", "high"),
            rule("f-unknown", "fail", null),
            rule("na", "notapplicable", "high"),
            rule("f-high", "fail", "high"),
            rule("u", "unknown", "medium"),
            rule("f-medium", "fail", "medium"),
            rule("p2", "pass", "low"));

    assertThat(ReportOrder.of(recorded, false))
        .extracting(StoredRuleResult::ruleId)
        .containsExactly(
            "f-high", "f-medium", "f-low", "f-unknown", "e-high", "u", "p1", "na", "p2");
    assertThat(ReportOrder.of(recorded, true))
        .extracting(StoredRuleResult::ruleId)
        .containsExactly(
            "f-high", "f-medium", "f-low", "f-unknown", "e-high", "u", "p1", "n1", "na", "p2");
  }
}
