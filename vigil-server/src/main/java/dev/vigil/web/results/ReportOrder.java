package dev.vigil.web.results;

import dev.vigil.results.RuleFilter;
import dev.vigil.results.StoredRuleResult;
import java.util.Comparator;
import java.util.List;

/**
 * The scan report page's rule order, what failed first: fail, then error, then unknown, each from
 * high to low severity; then every other result in the order the scan recorded it. notselected
 * rules are left out unless asked for.
 */
final class ReportOrder {

  static final String NOTSELECTED = "notselected";
  private static final List<String> FAILED_FIRST = List.of("fail", "error", "unknown");

  private ReportOrder() {}

  /** The rules in report order; notselected ones only when {@code withNotSelected}. */
  static List<StoredRuleResult> of(List<StoredRuleResult> rules, boolean withNotSelected) {
    return rules.stream()
        .filter(r -> withNotSelected || !NOTSELECTED.equals(r.result()))
        .sorted(Comparator.comparingInt(ReportOrder::group).thenComparingInt(ReportOrder::rank))
        .toList();
  }

  /** 0..2 for fail, error, unknown; 3 for the rest (kept in recorded order: sorting is stable). */
  private static int group(StoredRuleResult r) {
    int i = FAILED_FIRST.indexOf(r.result());
    return i < 0 ? FAILED_FIRST.size() : i;
  }

  /** Within the failed groups, high severity first; the rest keep their order. */
  private static int rank(StoredRuleResult r) {
    if (group(r) == FAILED_FIRST.size()) {
      return 0;
    }
    int i = RuleFilter.SEVERITIES.indexOf(r.severity() == null ? "unknown" : r.severity());
    return -Math.max(i, 0);
  }
}
