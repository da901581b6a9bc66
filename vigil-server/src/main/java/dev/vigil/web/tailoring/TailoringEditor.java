package dev.vigil.web.tailoring;

import dev.vigil.scap.tailoring.ChecklistCatalog;
import dev.vigil.scap.tailoring.TailoredProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the editor page shows: the rules and values whose id or title match the search (at most
 * {@link #LIMIT} of each), each with its state in the tailoring; the ones the tailoring changes
 * come first.
 */
record TailoringEditor(
    List<RuleRow> rules, int moreRules, List<ValueRow> values, int moreValues, int ruleTotal) {

  static final int LIMIT = 50;

  /** A rule: {@code state} is select, deselect or default. */
  record RuleRow(String id, String title, String state) {}

  /** A value: what the tailoring sets (empty for the default), its default and choices. */
  record ValueRow(
      String id,
      String title,
      String type,
      String set,
      String defaultValue,
      List<String> choices,
      String lowerBound,
      String upperBound) {

    public String field() {
      return TailoringEdits.VALUE + id;
    }
  }

  static TailoringEditor of(
      ChecklistCatalog c, TailoredProfile p, String query, Map<String, String> sent) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<RuleRow> rules = new ArrayList<>();
    List<RuleRow> changed = new ArrayList<>();
    int matching = 0;
    for (Map.Entry<String, String> e : c.rules().entrySet()) {
      boolean isChanged = p.rules().containsKey(e.getKey());
      if (!matches(q, e.getKey(), e.getValue()) && !(isChanged && q.isEmpty())) {
        continue;
      }
      RuleRow row = new RuleRow(e.getKey(), e.getValue(), state(p, e.getKey(), sent));
      if (isChanged) {
        changed.add(row);
      } else {
        matching++;
        if (rules.size() < LIMIT) {
          rules.add(row);
        }
      }
    }
    List<RuleRow> allRules = new ArrayList<>(changed);
    allRules.addAll(rules);
    List<ValueRow> values = new ArrayList<>();
    int valueMatches = 0;
    for (ChecklistCatalog.ValueInfo v : c.values().values()) {
      boolean set = p.values().containsKey(v.id());
      if (!set && !matches(q, v.id(), v.title())) {
        continue;
      }
      valueMatches++;
      if (values.size() < LIMIT || set) {
        String current =
            sent.getOrDefault(TailoringEdits.VALUE + v.id(), p.values().getOrDefault(v.id(), ""));
        List<String> choices = new ArrayList<>(v.choices());
        v.selectors().values().stream().filter(x -> !choices.contains(x)).forEach(choices::add);
        values.add(
            new ValueRow(
                v.id(),
                v.title(),
                v.type(),
                current,
                v.defaultValue() == null ? "" : v.defaultValue(),
                choices,
                v.lowerBound(),
                v.upperBound()));
      }
    }
    return new TailoringEditor(
        allRules,
        Math.max(0, matching - rules.size()),
        values,
        Math.max(0, valueMatches - values.size()),
        c.rules().size());
  }

  private static String state(TailoredProfile p, String id, Map<String, String> sent) {
    String field = sent.get(TailoringEdits.RULE + id);
    if (field != null) {
      return field;
    }
    Boolean selected = p.rules().get(id);
    return selected == null ? "default" : selected ? "select" : "deselect";
  }

  private static boolean matches(String q, String id, String title) {
    return q.isEmpty()
        || id.toLowerCase(Locale.ROOT).contains(q)
        || (title != null && title.toLowerCase(Locale.ROOT).contains(q));
  }
}
