package dev.vigil.scap.content;

import java.util.List;

/**
 * The texts of one XCCDF rule as sanitised XHTML (see {@link SafeXhtml}), each empty when the rule
 * has none: description, rationale, fix text, and the fix scripts as preformatted text.
 */
public record RuleText(String description, String rationale, String fixtext, List<Fix> fixes) {

  public RuleText {
    fixes = List.copyOf(fixes);
  }

  /** One {@code xccdf:fix}: its {@code system} URI and its script as sanitised XHTML. */
  public record Fix(String system, String script) {}

  /** True when the rule has none of the texts. */
  public boolean isEmpty() {
    return description.isEmpty() && rationale.isEmpty() && fixtext.isEmpty() && fixes.isEmpty();
  }

  /** How many characters the texts take, to weigh a cache. */
  public long chars() {
    long n = (long) description.length() + rationale.length() + fixtext.length();
    for (Fix f : fixes) {
      n += f.system().length() + f.script().length();
    }
    return n;
  }
}
