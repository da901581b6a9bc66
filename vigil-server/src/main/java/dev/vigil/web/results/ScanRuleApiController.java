package dev.vigil.web.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ScanWaivers;
import dev.vigil.results.ResultService;
import dev.vigil.results.RuleFilter;
import dev.vigil.results.ScanReports;
import dev.vigil.results.ScanRuleTexts;
import dev.vigil.results.ScanTexts;
import dev.vigil.results.StoredRuleResult;
import dev.vigil.scap.content.RuleText;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A scan's report through the API: its rule results (paged, filtered, optionally with their texts),
 * the selected rules as CSV, and oscap's HTML report served sandboxed.
 */
@ApiController
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class ScanRuleApiController {

  private final ResultService results;
  private final ScanReports reports;
  private final ScanRuleTexts texts;
  private final ScanWaivers waivers;

  ScanRuleApiController(
      ResultService results, ScanReports reports, ScanRuleTexts texts, ScanWaivers waivers) {
    this.results = results;
    this.reports = reports;
    this.texts = texts;
    this.waivers = waivers;
  }

  @GetMapping("/api/security-scans/{id}/rules")
  RuleList rules(@PathVariable long id, HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    ListQuery q = ListQuery.from(params);
    RuleFilter filter = filter(params);
    boolean withTexts = "true".equalsIgnoreCase(ListQuery.text(params, "texts"));
    List<StoredRuleResult> matching = reports.rules(id, filter);
    List<StoredRuleResult> page = page(matching, q);
    ScanTexts t = withTexts ? texts.of(results.get(id)) : null;
    Map<String, Long> waived = waivers.waivedFails(results.get(id), results.rules(id));
    List<RuleItem> items = new ArrayList<>(page.size());
    for (StoredRuleResult r : page) {
      Long waiverId = RulesCsv.waivedOf(r, waived);
      items.add(
          new RuleItem(
              r.ruleId(),
              r.title(),
              r.severity(),
              r.result(),
              r.idents(),
              waiverId != null,
              waiverId,
              t == null ? null : texts(t.of(r.ruleId()))));
    }
    TextsState state =
        t == null ? null : new TextsState(t.available(), t.available() ? null : t.unavailable());
    return new RuleList(items, Meta.of(q, items.size(), matching.size()), state);
  }

  /** {@code GET /api/security-scans/{id}/rules}; {@code texts} only with {@code texts=true}. */
  record RuleList(
      List<RuleItem> rules,
      Meta meta,
      @JsonInclude(JsonInclude.Include.NON_NULL) TextsState texts) {}

  /** Whether the rules' texts could be read; {@code reason} only when they could not. */
  record TextsState(boolean available, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

  /** One rule's result; with {@code texts=true} also its texts and fixes. */
  record RuleItem(
      String ruleId,
      String title,
      String severity,
      String result,
      List<String> idents,
      @Schema(description = "a fail an approved, unexpired waiver covers (the result stays fail)")
          boolean waived,
      Long waiverId,
      @JsonUnwrapped RuleTexts texts) {}

  /** The texts of a rule from its benchmark. */
  record RuleTexts(String description, String rationale, String fixtext, List<RuleFix> fixes) {}

  /** A fix script of a rule. */
  record RuleFix(String system, String script) {}

  @GetMapping("/api/security-scans/{id}/rules.csv")
  ResponseEntity<byte[]> csv(@PathVariable long id) {
    List<StoredRuleResult> rules = results.rules(id);
    return ScanDownloads.csv(id, rules, waivers.waivedFails(results.get(id), rules));
  }

  @GetMapping("/api/security-scans/{id}/report.html")
  ResponseEntity<InputStreamResource> html(
      @PathVariable long id, @RequestParam(required = false) String download) {
    return ScanDownloads.html(
        id, reports.openHtml(id), "true".equalsIgnoreCase(download), ScanDownloads.SANDBOX);
  }

  /** The result, severity and phrase filters of a rules request; repeated or comma-separated. */
  static RuleFilter filter(Map<String, String[]> params) {
    return RuleFilter.of(
        split(ListQuery.texts(params, "result")),
        split(ListQuery.texts(params, "severity")),
        ListQuery.text(params, "phrase"));
  }

  static <T> List<T> page(List<T> all, ListQuery q) {
    if (q.offset() >= all.size() || q.max() <= 0) {
      return List.of();
    }
    long end = Math.min((long) q.offset() + q.max(), all.size());
    return all.subList(q.offset(), (int) end);
  }

  private static List<String> split(List<String> values) {
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static RuleTexts texts(RuleText t) {
    return new RuleTexts(
        t.description(),
        t.rationale(),
        t.fixtext(),
        t.fixes().stream().map(f -> new RuleFix(f.system(), f.script())).toList());
  }
}
