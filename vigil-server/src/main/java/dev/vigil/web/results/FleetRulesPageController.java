package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ComplianceRuleView;
import dev.vigil.compliance.FleetFilter;
import dev.vigil.compliance.FleetRules;
import dev.vigil.results.ComplianceStatus;
import dev.vigil.results.RuleOutcome;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Compliance → Rules: for a (benchmark, profile) the fleet has scanned, each rule with the servers
 * failing, waived, passing, erring and otherwise, most failed first, each count a link to the
 * servers behind it and each rule to its text; without a pair, the pairs to choose from. A page
 * shows {@code max} rules (100 unless asked; an SSG profile has up to ~700), {@code page} from 0.
 */
@Controller
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class FleetRulesPageController {

  static final String PATH = "/compliance/rules";

  /**
   * Rules a page shows unless {@code max} says otherwise (most failed first, so the first page).
   */
  static final int RULES_PER_PAGE = 100;

  static final int MAX_RULES_PER_PAGE = 1000;

  private final FleetRules rules;
  private final FleetFilter fleet;

  FleetRulesPageController(FleetRules rules, FleetFilter fleet) {
    this.rules = rules;
    this.fleet = fleet;
  }

  @GetMapping(PATH)
  String rules(HttpServletRequest request, HttpServletResponse response, Model model) {
    Map<String, String[]> params = request.getParameterMap();
    String benchmark = ListQuery.text(params, "benchmark");
    String profile = ListQuery.text(params, "profile");
    String phrase = ListQuery.text(params, "phrase");
    model.addAttribute("pairs", rules.pairs());
    model.addAttribute("phrase", phrase == null ? "" : phrase);
    model.addAttribute("outcomes", RuleOutcome.values());
    model.addAttribute("statuses", ComplianceStatus.values());
    if (benchmark == null && profile == null) {
      return "results/rules";
    }
    if (benchmark == null || profile == null) {
      String missing = benchmark == null ? "benchmark" : "profile";
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "problem", missing + " is required: choose a benchmark and profile below.");
      return "results/rules";
    }
    int max = ListQuery.intParam(params, "max", RULES_PER_PAGE);
    if (max < 1 || max > MAX_RULES_PER_PAGE) {
      throw new InvalidInputException(
          "max", "max must be from 1 to " + MAX_RULES_PER_PAGE + " rules a page, got " + max);
    }
    int page = ListQuery.intParam(params, "page", 0);
    if (page < 0) {
      throw new InvalidInputException("page", "page must be 0 or more, got " + page);
    }
    ComplianceRuleView all = FleetRuleViews.matching(rules.rules(benchmark, profile), phrase);
    int total = all.rules().size();
    int from = (int) Math.min((long) page * max, total);
    int to = (int) Math.min((long) from + max, total);
    model.addAttribute(
        "view", new ComplianceRuleView(all.pair(), all.servers(), all.rules().subList(from, to)));
    model.addAttribute("ruleCount", total);
    model.addAttribute("firstRule", from + 1);
    model.addAttribute("page", page);
    model.addAttribute("max", max);
    model.addAttribute("pages", Math.max(1, (total + max - 1) / max));
    model.addAttribute("pairCounts", fleet.pairCounts(benchmark, profile));
    return "results/rules";
  }

  @GetMapping(PATH + ".csv")
  ResponseEntity<byte[]> csv(HttpServletRequest request, HttpServletResponse response) {
    Map<String, String[]> params = request.getParameterMap();
    String benchmark = ListQuery.text(params, "benchmark");
    String profile = ListQuery.text(params, "profile");
    if (benchmark == null || profile == null) {
      return ResponseEntity.badRequest()
          .contentType(org.springframework.http.MediaType.TEXT_PLAIN)
          .body(
              "benchmark and profile are required"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return FleetRulesCsv.response(rules.rules(benchmark, profile));
  }
}
