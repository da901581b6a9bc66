package dev.vigil.results;

import dev.vigil.scap.content.RuleText;
import java.util.List;
import java.util.Map;

/**
 * The rule texts of a scan's checklist as sanitised XHTML, or why they are unavailable (the package
 * version is gone, the checklist could not be read).
 */
public record ScanTexts(Map<String, RuleText> byRule, String unavailable) {

  private static final RuleText NONE = new RuleText("", "", "", List.of());

  public ScanTexts {
    byRule = Map.copyOf(byRule);
  }

  static ScanTexts unavailable(String why) {
    return new ScanTexts(Map.of(), why);
  }

  public boolean available() {
    return unavailable == null;
  }

  /** The texts of one rule; empty texts when the checklist has none for it. */
  public RuleText of(String ruleId) {
    return byRule.getOrDefault(ruleId, NONE);
  }
}
