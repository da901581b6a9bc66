package dev.vigil.web.jobs;

import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The job form's long lists written as HTML in one pass, every text HTML-escaped: the targets (one
 * checkbox per server or instance, thousands of them) and the time zones (about 600). Rendering
 * them with a template expression per attribute cost about as much as the rest of the page at 1,000
 * servers (docs/benchmarks.md, wizard target step); a string builder costs well under a
 * millisecond.
 */
final class TargetListHtml {

  private TargetListHtml() {}

  /** One {@code <li>} per choice: name and labels for the in-page filter, the checkbox, names. */
  static String targets(List<Choice> choices, JobForm form) {
    StringBuilder b = new StringBuilder(choices.size() * 160);
    for (Choice c : choices) {
      String value = String.valueOf(c.value());
      b.append("<li data-name=\"")
          .append(esc(c.name().toLowerCase(Locale.ROOT)))
          .append("\" data-labels=\"")
          .append(esc(c.labelLine()))
          .append("\"><label class=\"check\"><input type=\"checkbox\" name=\"targets\" value=\"")
          .append(esc(value))
          .append('"')
          .append(form.targeted(value) ? " checked" : "")
          .append("> <span>")
          .append(esc(c.name()))
          .append("</span>");
      if (!c.labels().isEmpty()) {
        b.append(" <span class=\"muted\">")
            .append(esc(String.join(", ", c.labels())))
            .append("</span>");
      }
      b.append("</label></li>\n");
    }
    return b.toString();
  }

  /** The time zone options, the chosen one selected (added when it is not among them). */
  static String zones(List<String> zones, String chosen) {
    StringBuilder b = new StringBuilder(zones.size() * 60);
    boolean found = false;
    for (String z : zones) {
      boolean selected = z.equals(chosen);
      found |= selected;
      option(b, z, selected);
    }
    if (!found && chosen != null) {
      option(b, chosen, true);
    }
    return b.toString();
  }

  private static void option(StringBuilder b, String v, boolean selected) {
    String e = esc(v);
    b.append("<option value=\"")
        .append(e)
        .append('"')
        .append(selected ? " selected" : "")
        .append('>')
        .append(e)
        .append("</option>");
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
  }
}
