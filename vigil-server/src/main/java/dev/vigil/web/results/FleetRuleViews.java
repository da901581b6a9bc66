package dev.vigil.web.results;

import dev.vigil.compliance.ComplianceRule;
import dev.vigil.compliance.ComplianceRuleView;
import java.util.Locale;

/** What the rule view's page and API share: the phrase filter over rule ids and titles. */
final class FleetRuleViews {

  private FleetRuleViews() {}

  /** The view with only the rules whose id or title contains the phrase (all when null). */
  static ComplianceRuleView matching(ComplianceRuleView view, String phrase) {
    if (phrase == null) {
      return view;
    }
    String p = phrase.toLowerCase(Locale.ROOT);
    return new ComplianceRuleView(
        view.pair(), view.servers(), view.rules().stream().filter(r -> contains(r, p)).toList());
  }

  private static boolean contains(ComplianceRule r, String p) {
    return r.ruleId().toLowerCase(Locale.ROOT).contains(p)
        || (r.title() != null && r.title().toLowerCase(Locale.ROOT).contains(p));
  }
}
