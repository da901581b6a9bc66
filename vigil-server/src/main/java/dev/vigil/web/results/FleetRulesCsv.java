package dev.vigil.web.results;

import dev.vigil.compliance.ComplianceRule;
import dev.vigil.compliance.ComplianceRuleView;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The rule view as CSV (the escaping of {@link RulesCsv}): one line per rule, most failed first,
 * with the pair's ids on every line so that exports of several pairs can be joined.
 */
final class FleetRulesCsv {

  static final String HEADER =
      "benchmark_id,profile_id,rule_id,title,severity,fail,waived,pass,error,other";

  private FleetRulesCsv() {}

  static String of(ComplianceRuleView view) {
    StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
    String pair =
        RulesCsv.cell(view.pair().benchmarkId()) + "," + RulesCsv.cell(view.pair().profileId());
    for (ComplianceRule r : view.rules()) {
      sb.append(pair)
          .append(',')
          .append(RulesCsv.cell(r.ruleId()))
          .append(',')
          .append(RulesCsv.cell(r.title()))
          .append(',')
          .append(RulesCsv.cell(r.severity()))
          .append(',')
          .append(r.failCount())
          .append(',')
          .append(r.waivedCount())
          .append(',')
          .append(r.passCount())
          .append(',')
          .append(r.errorCount())
          .append(',')
          .append(r.otherCount())
          .append("\r\n");
    }
    return sb.toString();
  }

  static ResponseEntity<byte[]> response(ComplianceRuleView view) {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("compliance-rules.csv").build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(of(view).getBytes(StandardCharsets.UTF_8));
  }
}
