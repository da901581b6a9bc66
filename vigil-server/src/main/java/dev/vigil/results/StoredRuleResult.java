package dev.vigil.results;

import java.util.List;

/** One rule's result as stored with a scan. */
public record StoredRuleResult(
    String ruleId, String result, String severity, String title, List<String> idents) {

  public StoredRuleResult {
    idents = List.copyOf(idents);
  }
}
