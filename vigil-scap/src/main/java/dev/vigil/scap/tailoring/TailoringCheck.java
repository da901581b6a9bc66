package dev.vigil.scap.tailoring;

import dev.vigil.scap.tailoring.ChecklistCatalog.ValueInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a tailored profile against a checklist's catalog: the profile it extends, every rule it
 * selects or deselects and every value it sets must exist there, and each value must fit its
 * Value's type, bounds and, when they must match, choices. A tailoring of another benchmark is told
 * apart from one with a few unknown ids: its base profile is missing and none of its rules exist.
 */
public final class TailoringCheck {

  /** What an XCCDF id may be: the profile id a tailoring gives itself must match it. */
  public static final Pattern ID = Pattern.compile("xccdf_[A-Za-z0-9_.-]+_profile_[A-Za-z0-9_.-]+");

  private TailoringCheck() {}

  /**
   * The problems of {@code p} against {@code catalog} by field ({@code baseProfile}, {@code
   * profileId}, {@code rules}, {@code values}), empty when it fits.
   */
  public static Map<String, String> problems(TailoredProfile p, ChecklistCatalog catalog) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!ID.matcher(p.profileId()).matches()) {
      out.put(
          "profileId",
          "the tailored profile id " + p.profileId() + " is not an XCCDF 1.2 profile id");
    }
    List<String> unknownRules = missing(p.rules().keySet(), catalog.rules());
    boolean baseMissing = !catalog.profiles().containsKey(p.extendsProfile());
    if (baseMissing && !p.rules().isEmpty() && unknownRules.size() == p.rules().size()) {
      out.put(
          "baseProfile",
          "the tailoring is for another benchmark: its base profile "
              + p.extendsProfile()
              + " and its rules are not in "
              + String.join(", ", catalog.benchmarkIds()));
      return out;
    }
    if (baseMissing) {
      out.put(
          "baseProfile",
          "profile "
              + p.extendsProfile()
              + " is not in "
              + String.join(", ", catalog.benchmarkIds()));
    }
    if (!unknownRules.isEmpty()) {
      out.put("rules", "unknown rule" + plural(unknownRules) + ": " + head(unknownRules));
    }
    List<String> valueProblems = new ArrayList<>();
    for (Map.Entry<String, String> e : p.values().entrySet()) {
      ValueInfo info = catalog.values().get(e.getKey());
      String problem =
          info == null ? "unknown value " + e.getKey() : valueProblem(info, e.getValue());
      if (problem != null) {
        valueProblems.add(problem);
      }
    }
    if (!valueProblems.isEmpty()) {
      out.put(
          "values", String.join("; ", valueProblems.subList(0, Math.min(5, valueProblems.size()))));
    }
    return out;
  }

  /** Why {@code value} does not fit {@code info}, or null when it does. */
  public static @Nullable String valueProblem(ValueInfo info, @Nullable String value) {
    String v = value == null ? "" : value;
    if (info.mustMatch() && !info.choices().isEmpty() && !info.choices().contains(v)) {
      return info.id() + " must be one of " + info.choices() + ", got \"" + v + "\"";
    }
    switch (info.type()) {
      case "number" -> {
        BigDecimal n;
        try {
          n = new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
          return info.id() + " must be a number, got \"" + v + "\"";
        }
        if (info.lowerBound() != null && below(n, info.lowerBound())) {
          return info.id() + " must be at least " + info.lowerBound() + ", got " + v;
        }
        if (info.upperBound() != null && above(n, info.upperBound())) {
          return info.id() + " must be at most " + info.upperBound() + ", got " + v;
        }
        return null;
      }
      case "boolean" -> {
        return v.equals("true") || v.equals("false") || v.equals("0") || v.equals("1")
            ? null
            : info.id() + " must be true or false, got \"" + v + "\"";
      }
      default -> {
        return null;
      }
    }
  }

  /** The rule ids of {@code p} the catalog no longer has. */
  public static List<String> missingRules(TailoredProfile p, ChecklistCatalog catalog) {
    return missing(p.rules().keySet(), catalog.rules());
  }

  private static boolean below(BigDecimal n, String bound) {
    return compare(n, bound) < 0;
  }

  private static boolean above(BigDecimal n, String bound) {
    return compare(n, bound) > 0;
  }

  private static int compare(BigDecimal n, String bound) {
    try {
      return n.compareTo(new BigDecimal(bound.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> missing(Iterable<String> ids, Map<String, ?> known) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      if (!known.containsKey(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private static String plural(List<?> l) {
    return l.size() == 1 ? "" : "s";
  }

  private static String head(List<String> ids) {
    return ids.size() <= 5
        ? String.join(", ", ids)
        : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
  }
}
