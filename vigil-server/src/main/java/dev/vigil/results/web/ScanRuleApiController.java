package dev.vigil.results.web;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.results.ResultService;
import dev.vigil.results.RuleFilter;
import dev.vigil.results.ScanReports;
import dev.vigil.results.ScanRuleTexts;
import dev.vigil.results.ScanTexts;
import dev.vigil.results.ScanWaivers;
import dev.vigil.results.StoredRuleResult;
import dev.vigil.scap.content.RuleText;
import dev.vigil.web.ApiController;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
  Map<String, Object> rules(@PathVariable long id, HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    ListQuery q = ListQuery.from(params);
    RuleFilter filter = filter(params);
    boolean withTexts = "true".equalsIgnoreCase(ListQuery.text(params, "texts"));
    List<StoredRuleResult> matching = reports.rules(id, filter);
    List<StoredRuleResult> page = page(matching, q);
    ScanTexts t = withTexts ? texts.of(results.get(id)) : null;
    Map<String, Long> waived = waivers.waivedFails(results.get(id), results.rules(id));
    List<Map<String, Object>> items = new ArrayList<>(page.size());
    for (StoredRuleResult r : page) {
      Map<String, Object> m = rule(r);
      Long waiverId = RulesCsv.waivedOf(r, waived);
      m.put("waived", waiverId != null);
      m.put("waiverId", waiverId);
      if (t != null) {
        putTexts(m, t.of(r.ruleId()));
      }
      items.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rules", items);
    body.put("meta", Meta.of(q, items.size(), matching.size()));
    if (t != null) {
      body.put("texts", t.available() ? Map.of("available", true) : unavailable(t));
    }
    return body;
  }

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

  private static Map<String, Object> rule(StoredRuleResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", r.ruleId());
    m.put("title", r.title());
    m.put("severity", r.severity());
    m.put("result", r.result());
    m.put("idents", r.idents());
    return m;
  }

  private static void putTexts(Map<String, Object> m, RuleText t) {
    m.put("description", t.description());
    m.put("rationale", t.rationale());
    m.put("fixtext", t.fixtext());
    m.put(
        "fixes",
        t.fixes().stream().map(f -> Map.of("system", f.system(), "script", f.script())).toList());
  }

  private static Map<String, Object> unavailable(ScanTexts t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("available", false);
    m.put("reason", t.unavailable());
    return m;
  }
}
