package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ComplianceDay;
import dev.vigil.compliance.ComplianceProfile;
import dev.vigil.compliance.ComplianceServer;
import dev.vigil.compliance.ComplianceService;
import dev.vigil.results.ComplianceStatus;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanQuery;
import dev.vigil.results.SecurityScan;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A server's Security tab (its compliance per profile, its scan history a page at a time and the
 * trend of its last scans) and the compliance dashboard.
 */
@Controller
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class CompliancePageController {

  static final int PAGE_SIZE = 50;
  static final int TREND_SCANS = 50;

  private final ComplianceService compliance;
  private final ResultService results;

  CompliancePageController(ComplianceService compliance, ResultService results) {
    this.compliance = compliance;
    this.results = results;
  }

  @GetMapping("/infrastructure/servers/{id}/security")
  String security(
      @PathVariable long id,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String benchmark,
      @RequestParam(required = false) String profile,
      @RequestParam(required = false) String pair,
      Model model,
      HttpServletRequest request) {
    long total = results.count(scans(id, PAGE_SIZE, 0));
    ComplianceServer server = serverOrDeleted(id, total);
    model.addAttribute("compliance", server);
    int last = (int) Math.max(0, (total - 1) / PAGE_SIZE);
    // a page past the last (or a huge one) shows the last page, never a negative offset
    int current = Math.min(Math.max(page, 0), last);
    ScanQuery query = scans(id, PAGE_SIZE, current * PAGE_SIZE);
    List<SecurityScan> rows = results.list(query);
    if (pair != null && !pair.isBlank()) {
      // the chooser's value: benchmark id, '|', profile id (ids hold no '|')
      int bar = pair.indexOf('|');
      benchmark = bar <= 0 ? null : pair.substring(0, bar);
      profile = pair.substring(bar + 1);
    }
    ComplianceProfile trendPair = trendPair(server, benchmark, profile);
    model.addAttribute("scans", ComplianceHistory.rows(id, rows));
    model.addAttribute("base", request.getContextPath());
    model.addAttribute("page", current);
    model.addAttribute("total", total);
    model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
    model.addAttribute("trendPair", trendPair);
    model.addAttribute(
        "trendPairs", server.profiles().stream().filter(p -> p.lastScan() != null).toList());
    model.addAttribute(
        "trend",
        ComplianceCharts.trend(
            trendPair == null
                ? List.of()
                : compliance.trend(
                    id, trendPair.benchmarkId(), trendPair.profileId(), TREND_SCANS)));
    model.addAttribute("chartWidth", ComplianceCharts.WIDTH);
    model.addAttribute("chartHeight", ComplianceCharts.HEIGHT);
    return "results/security-tab";
  }

  @GetMapping("/dashboard")
  String dashboard(Model model) {
    var dashboard = compliance.dashboard(ComplianceApiController.TREND_DAYS);
    List<ComplianceDay> days = dashboard.days();
    model.addAttribute("fleet", dashboard.fleet());
    model.addAttribute("statuses", ComplianceStatus.values());
    model.addAttribute("jobs", dashboard.jobs());
    model.addAttribute("days", days);
    model.addAttribute("stack", ComplianceCharts.bars(days));
    model.addAttribute("chartWidth", ComplianceCharts.WIDTH);
    model.addAttribute("chartHeight", ComplianceCharts.HEIGHT);
    return "results/dashboard";
  }

  /**
   * The server's compliance; for a deleted server that has scans, its recorded name with no
   * profile, so that its history stays readable (marked deleted).
   */
  private ComplianceServer serverOrDeleted(long id, long scans) {
    try {
      return compliance.server(id);
    } catch (NotFoundException gone) {
      if (scans == 0) {
        throw gone;
      }
      String name = results.list(scans(id, 1, 0)).get(0).serverName();
      return new ComplianceServer(id, name, ComplianceStatus.NEVER_SCANNED, List.of(), true);
    }
  }

  /**
   * The pair whose trend is drawn: the one asked for (a profile, in a benchmark when given; 404
   * naming it when the server has no scan of it), else the one scanned last (ties: the higher scan
   * id); null when none is.
   */
  private static ComplianceProfile trendPair(
      ComplianceServer server, String benchmark, String profile) {
    List<ComplianceProfile> scanned =
        server.profiles().stream().filter(p -> p.lastScan() != null).toList();
    if (profile == null && benchmark == null) {
      return scanned.stream()
          .max(
              Comparator.comparing((ComplianceProfile p) -> p.lastScan().scanDate())
                  .thenComparing(p -> p.lastScan().id()))
          .orElse(null);
    }
    return scanned.stream()
        .filter(
            p ->
                p.profileId().equals(profile)
                    && (benchmark == null || benchmark.equals(p.benchmarkId())))
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "A scan of profile '"
                        + profile
                        + "'"
                        + (benchmark == null ? "" : " in benchmark '" + benchmark + "'")
                        + " on server "
                        + server.serverId(),
                    null));
  }

  private static ScanQuery scans(long serverId, int max, int offset) {
    return new ScanQuery(
        new ListQuery(max, offset, null, null, "scanDate", true), List.of(serverId), List.of());
  }
}
