package dev.vigil.web.tailoring;

import dev.vigil.scap.tailoring.TailoredProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The editor's form read over the tailoring's current selections and values: {@code rule:<id>} is
 * {@code select}, {@code deselect} or {@code default} (the base profile decides), {@code
 * value:<id>} a value, blank for the default. Rules and values the form did not show stay as they
 * are.
 */
record TailoringEdits(Map<String, Boolean> rules, Map<String, String> values) {

  static final String RULE = "rule:";
  static final String VALUE = "value:";

  static TailoringEdits of(TailoredProfile current, Map<String, String> params) {
    Map<String, Boolean> rules = new LinkedHashMap<>(current.rules());
    Map<String, String> values = new LinkedHashMap<>(current.values());
    params.forEach(
        (k, v) -> {
          if (k.startsWith(RULE)) {
            String id = k.substring(RULE.length());
            switch (v) {
              case "select" -> rules.put(id, true);
              case "deselect" -> rules.put(id, false);
              default -> rules.remove(id);
            }
          } else if (k.startsWith(VALUE)) {
            String id = k.substring(VALUE.length());
            if (v == null || v.isBlank()) {
              values.remove(id);
            } else {
              values.put(id, v.strip());
            }
          }
        });
    return new TailoringEdits(rules, values);
  }
}
