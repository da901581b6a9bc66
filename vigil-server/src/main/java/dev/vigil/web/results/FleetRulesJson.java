package dev.vigil.web.results;

import dev.vigil.compliance.ComplianceRule;
import dev.vigil.compliance.ComplianceRuleView;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.Meta;
import java.util.List;

/**
 * {@code GET /api/security-compliance/rules}: the pair with its titles, how many servers have a
 * scan of it, a page of its rules most failed first, and the list's {@code meta}.
 */
record FleetRulesJson(
    String benchmarkId,
    String profileId,
    String benchmarkTitle,
    String profileTitle,
    int serverCount,
    List<Rule> rules,
    Meta meta) {

  /**
   * One rule: servers failing (not waived), waived, passing, erring, other; where to read its text
   * ({@code textScanId}, a scan that failed it when any did); the servers behind the fail count.
   */
  record Rule(
      String ruleId,
      String title,
      String severity,
      int failCount,
      int waivedCount,
      int passCount,
      int errorCount,
      int otherCount,
      long textScanId) {

    static Rule of(ComplianceRule r) {
      return new Rule(
          r.ruleId(),
          r.title(),
          r.severity(),
          r.failCount(),
          r.waivedCount(),
          r.passCount(),
          r.errorCount(),
          r.otherCount(),
          r.textScanId());
    }
  }

  static FleetRulesJson of(ComplianceRuleView view, ListQuery q) {
    List<ComplianceRule> all = view.rules();
    int from = Math.min(q.offset(), all.size());
    int to = (int) Math.min(all.size(), (long) from + q.max());
    List<Rule> page = all.subList(from, to).stream().map(Rule::of).toList();
    return new FleetRulesJson(
        view.pair().benchmarkId(),
        view.pair().profileId(),
        view.pair().benchmarkTitle(),
        view.pair().profileTitle(),
        view.servers(),
        page,
        Meta.of(q, page.size(), all.size()));
  }
}
