package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ScanComparison;
import dev.vigil.compliance.ScanWaivers;
import dev.vigil.results.ResultService;
import dev.vigil.results.RuleFilter;
import dev.vigil.results.ScanReports;
import dev.vigil.results.ScanRuleTexts;
import dev.vigil.results.ScanTailoring;
import dev.vigil.results.ScanTexts;
import dev.vigil.results.SecurityScan;
import dev.vigil.results.StoredRuleResult;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.content.RuleText;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.tailoring.TailoringService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Infrastructure → Hosts → server → Security → a scan's report: summary, rules with filters and
 * their texts on demand, and the scan's files (ARF, oscap's HTML report sandboxed, rules as CSV)
 * for the browser's session.
 */
@Controller
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class ScanReportPageController {

  static final int PAGE_SIZE = 100;
  static final String SCANS = "/security-scans";

  private final ResultService results;
  private final ScanReports reports;
  private final ScanRuleTexts texts;
  private final ScanComparison comparison;
  private final TailoringService tailorings;
  private final ScanWaivers waivers;

  ScanReportPageController(
      ResultService results,
      ScanReports reports,
      ScanRuleTexts texts,
      ScanComparison comparison,
      ScanWaivers waivers,
      TailoringService tailorings) {
    this.tailorings = tailorings;
    this.results = results;
    this.reports = reports;
    this.texts = texts;
    this.comparison = comparison;
    this.waivers = waivers;
  }

  /**
   * One rule as the report page shows it: its result, for the shown page its texts, and the id of
   * the waiver that covers it now when it is a waived fail (else null).
   */
  record Row(StoredRuleResult rule, RuleText text, Long waiverId) {}

  @GetMapping("/infrastructure/servers/{serverId}/security/{scanId}")
  String report(
      @PathVariable long serverId,
      @PathVariable long scanId,
      @RequestParam(defaultValue = "0") int page,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    SecurityScan scan = results.get(scanId);
    if (!Objects.equals(scan.recordedServerId(), serverId)) {
      throw new NotFoundException("Security scan of server " + serverId, scanId);
    }
    return show(scan, page, request, response, model);
  }

  /**
   * A scan's report by its id alone: redirects to the server's page, or shows it when the server is
   * gone.
   */
  @GetMapping(SCANS + "/{scanId}")
  String byId(
      @PathVariable long scanId,
      @RequestParam(defaultValue = "0") int page,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    SecurityScan scan = results.get(scanId);
    if (scan.serverId() == null) {
      return show(scan, page, request, response, model);
    }
    return "redirect:/infrastructure/servers/" + scan.serverId() + "/security/" + scanId;
  }

  private String show(
      SecurityScan scan,
      int page,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    long scanId = scan.id();
    Map<String, String[]> params = request.getParameterMap();
    List<String> resultParam = ListQuery.texts(params, "result");
    List<String> severityParam = ListQuery.texts(params, "severity");
    String phrase = ListQuery.text(params, "phrase");
    RuleFilter filter;
    try {
      filter = ScanRuleApiController.filter(params);
    } catch (InvalidInputException bad) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", String.join(" ", bad.errors().values()));
      filter = RuleFilter.ALL;
      resultParam = List.of();
      severityParam = List.of();
    }
    // notselected rules show when asked for: by the toggle, or by choosing that result
    boolean withNotSelected =
        "show".equals(ListQuery.text(params, "notselected"))
            || resultParam.contains(ReportOrder.NOTSELECTED);
    List<StoredRuleResult> all = reports.rules(scanId, filter);
    List<StoredRuleResult> matching = ReportOrder.of(all, withNotSelected);
    int current = Math.max(0, Math.min(page, (matching.size() - 1) / PAGE_SIZE));
    List<StoredRuleResult> shown =
        ScanRuleApiController.page(
            matching, new ListQuery(PAGE_SIZE, current * PAGE_SIZE, null, null, null, false));
    ScanTexts t = texts.of(scan);
    model.addAttribute("scan", scan);
    ScanTailoring tailoring = results.tailoring(scanId).orElse(null);
    model.addAttribute("tailoring", tailoring);
    model.addAttribute(
        "tailored",
        tailoring == null
            ? null
            : tailorings.changes(tailoring.id(), tailoring.version()).orElse(null));
    model.addAttribute(
        "self",
        scan.serverId() == null
            ? SCANS + "/" + scanId
            : "/infrastructure/servers/" + scan.serverId() + "/security/" + scanId);
    Map<String, Long> waived = waivers.waivedFails(scan, results.rules(scanId));
    model.addAttribute(
        "rows",
        shown.stream()
            .map(r -> new Row(r, t.of(r.ruleId()), RulesCsv.waivedOf(r, waived)))
            .toList());
    model.addAttribute("waivedCount", waived.size());
    model.addAttribute("texts", t);
    model.addAttribute("changes", comparison.sincePrevious(scanId).orElse(null));
    model.addAttribute("matching", matching.size());
    model.addAttribute("withNotSelected", withNotSelected);
    model.addAttribute("notselected", ListQuery.text(params, "notselected"));
    model.addAttribute(
        "allNotApplicable",
        scan.testCount() > 0 && scan.count(ResultType.NOTAPPLICABLE) == scan.testCount());
    model.addAttribute("hiddenNotSelected", all.size() - matching.size());
    model.addAttribute("page", current);
    model.addAttribute("pages", Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE));
    model.addAttribute("results", resultParam);
    model.addAttribute("severities", severityParam);
    model.addAttribute("phrase", phrase == null ? "" : phrase);
    model.addAttribute("resultTypes", List.of(ResultType.values()));
    model.addAttribute("severityValues", RuleFilter.SEVERITIES);
    return "results/report";
  }

  @GetMapping(SCANS + "/{scanId}/report.html")
  ResponseEntity<InputStreamResource> html(
      @PathVariable long scanId, @RequestParam(required = false) String download) {
    return ScanDownloads.html(
        scanId,
        reports.openHtml(scanId),
        "true".equalsIgnoreCase(download),
        ScanDownloads.FRAMEABLE_SANDBOX);
  }

  @GetMapping(SCANS + "/{scanId}/rules.csv")
  ResponseEntity<byte[]> csv(@PathVariable long scanId) {
    List<StoredRuleResult> rules = results.rules(scanId);
    return ScanDownloads.csv(scanId, rules, waivers.waivedFails(results.get(scanId), rules));
  }

  @GetMapping(SCANS + "/{scanId}/arf")
  ResponseEntity<InputStreamResource> arf(@PathVariable long scanId) {
    return ScanDownloads.arf(scanId, results.openArf(scanId));
  }
}
