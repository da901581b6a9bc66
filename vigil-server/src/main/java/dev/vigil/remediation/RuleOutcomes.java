package dev.vigil.remediation;

import dev.vigil.results.StoredRuleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Before and after per rule: each chosen rule is {@code fixed} (passes now), {@code still_failing}
 * or {@code other} (neither passes nor fails now); any other rule that did not fail before and
 * fails now is {@code newly_failing}.
 */
final class RuleOutcomes {

  static final String FIXED = "fixed";
  static final String STILL_FAILING = "still_failing";
  static final String NEWLY_FAILING = "newly_failing";
  static final String OTHER = "other";

  private RuleOutcomes() {}

  static List<RuleOutcome> of(
      Set<String> chosen, List<StoredRuleResult> before, List<StoredRuleResult> after) {
    Map<String, String> was = results(before);
    Map<String, String> now = results(after);
    List<RuleOutcome> out = new ArrayList<>();
    for (String rule : chosen) {
      String a = now.get(rule);
      String outcome =
          "pass".equals(a) || "fixed".equals(a) ? FIXED : "fail".equals(a) ? STILL_FAILING : OTHER;
      out.add(new RuleOutcome(rule, was.get(rule), a, outcome));
    }
    now.forEach(
        (rule, a) -> {
          if ("fail".equals(a) && !"fail".equals(was.get(rule)) && !chosen.contains(rule)) {
            out.add(new RuleOutcome(rule, was.get(rule), a, NEWLY_FAILING));
          }
        });
    return out;
  }

  private static Map<String, String> results(List<StoredRuleResult> rules) {
    Map<String, String> m = new LinkedHashMap<>();
    rules.forEach(r -> m.put(r.ruleId(), r.result()));
    return m;
  }
}
