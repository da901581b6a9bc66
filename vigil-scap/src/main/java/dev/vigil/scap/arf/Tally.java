package dev.vigil.scap.arf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts rule results per type and says what they amount to. */
final class Tally {
  private Tally() {}

  /** Every rule result counted by its result; all nine types present, notselected included. */
  static Map<ResultType, Integer> counts(List<RuleResult> results) {
    Map<ResultType, Integer> counts = new EnumMap<>(ResultType.class);
    for (ResultType type : ResultType.values()) {
      counts.put(type, 0);
    }
    for (RuleResult r : results) {
      counts.merge(r.result(), 1, Integer::sum);
    }
    return counts;
  }

  /** True when every result other than notselected is notapplicable, or there is none. */
  static boolean notApplicable(Map<ResultType, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int selected = total - counts.getOrDefault(ResultType.NOTSELECTED, 0);
    return selected == counts.getOrDefault(ResultType.NOTAPPLICABLE, 0);
  }

  static String summary(Map<ResultType, Integer> counts) {
    if (notApplicable(counts)) {
      return ScanReport.NOT_APPLICABLE_SUMMARY;
    }
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (type, n) -> {
          if (n > 0) {
            parts.add(n + " " + type.xccdf());
          }
        });
    return String.join(", ", parts);
  }
}
