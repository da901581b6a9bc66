package dev.vigil.results;

import dev.vigil.scap.arf.ResultType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which rule results of a scan to show: by result (any of), by severity (any of) and by a phrase
 * found in the rule id, title or an ident, case-insensitively. Empty sets and a null phrase match
 * every rule.
 */
public record RuleFilter(Set<ResultType> results, Set<String> severities, String phrase) {

  /** The XCCDF severities, the only values a severity filter accepts. */
  public static final List<String> SEVERITIES = List.of("unknown", "info", "low", "medium", "high");

  public static final RuleFilter ALL = new RuleFilter(Set.of(), Set.of(), null);

  public RuleFilter {
    results = results.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(results));
    severities = Set.copyOf(severities);
    phrase = phrase == null || phrase.isBlank() ? null : phrase.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * A filter from request values; throws naming the parameter and the allowed values on a result or
   * severity that is not one of them.
   */
  public static RuleFilter of(List<String> results, List<String> severities, String phrase) {
    Set<ResultType> types = EnumSet.noneOf(ResultType.class);
    for (String r : results) {
      try {
        types.add(ResultType.fromXccdf(r.toLowerCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new dev.vigil.shared.InvalidInputException(
            "result", "result must be one of " + allowedResults() + ", got '" + r + "'");
      }
    }
    Set<String> sev = new java.util.HashSet<>();
    for (String s : severities) {
      String v = s.toLowerCase(Locale.ROOT);
      if (!SEVERITIES.contains(v)) {
        throw new dev.vigil.shared.InvalidInputException(
            "severity",
            "severity must be one of " + String.join(", ", SEVERITIES) + ", got '" + s + "'");
      }
      sev.add(v);
    }
    return new RuleFilter(types, sev, phrase);
  }

  /** The nine XCCDF results, comma-separated. */
  public static String allowedResults() {
    return Arrays.stream(ResultType.values())
        .map(ResultType::xccdf)
        .collect(Collectors.joining(", "));
  }

  public boolean matches(StoredRuleResult r) {
    if (!results.isEmpty() && !results.contains(ResultType.fromXccdf(r.result()))) {
      return false;
    }
    if (!severities.isEmpty()
        && !severities.contains(r.severity() == null ? "unknown" : r.severity())) {
      return false;
    }
    return phrase == null
        || contains(r.ruleId())
        || contains(r.title())
        || r.idents().stream().anyMatch(this::contains);
  }

  private boolean contains(String s) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(phrase);
  }
}
