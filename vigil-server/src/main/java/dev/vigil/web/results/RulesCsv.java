package dev.vigil.web.results;

import dev.vigil.results.StoredRuleResult;
import dev.vigil.scap.arf.ResultType;
import java.util.List;
import java.util.Map;

/**
 * A scan's selected rules (every result but notselected) as RFC 4180 CSV: one line per rule (the
 * result as oscap wrote it; {@code waived} true and the waiver's id for a fail that an approved,
 * unexpired waiver covers now), CRLF line ends, cells quoted when they hold a comma, quote or line
 * break, and cells that a spreadsheet would take for a formula (starting with = + - @, tab or CR)
 * prefixed with {@code '}.
 */
final class RulesCsv {

  static final String HEADER = "rule_id,title,severity,result,idents,waived,waiver_id";

  private RulesCsv() {}

  static String of(List<StoredRuleResult> rules) {
    return of(rules, Map.of());
  }

  static String of(List<StoredRuleResult> rules, Map<String, Long> waived) {
    StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
    for (StoredRuleResult r : rules) {
      if (ResultType.NOTSELECTED.xccdf().equals(r.result())) {
        continue;
      }
      sb.append(cell(r.ruleId()))
          .append(',')
          .append(cell(r.title()))
          .append(',')
          .append(cell(r.severity()))
          .append(',')
          .append(cell(r.result()))
          .append(',')
          .append(cell(String.join(" ", r.idents())))
          .append(',')
          .append(waivedOf(r, waived) != null)
          .append(',')
          .append(waivedOf(r, waived) == null ? "" : waivedOf(r, waived).toString())
          .append("\r\n");
    }
    return sb.toString();
  }

  /** The waiver id of a waived fail, else null. */
  static Long waivedOf(StoredRuleResult r, Map<String, Long> waived) {
    return ResultType.FAIL.xccdf().equals(r.result()) ? waived.get(r.ruleId()) : null;
  }

  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
