package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ComplianceRuleView;
import dev.vigil.compliance.FleetRules;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The rule view through the API: {@code GET /api/security-compliance/rules?benchmarkId=&profileId=}
 * (a page of rules, most failed first; {@code phrase} matches id or title) and its CSV.
 */
@ApiController
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class FleetRulesApiController {

  private final FleetRules rules;

  FleetRulesApiController(FleetRules rules) {
    this.rules = rules;
  }

  @GetMapping("/api/security-compliance/rules")
  FleetRulesJson list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    ListQuery q = ListQuery.from(params);
    return FleetRulesJson.of(FleetRuleViews.matching(view(params), q.phrase()), q);
  }

  @GetMapping("/api/security-compliance/rules.csv")
  ResponseEntity<byte[]> csv(HttpServletRequest request) {
    return FleetRulesCsv.response(view(request.getParameterMap()));
  }

  private ComplianceRuleView view(Map<String, String[]> params) {
    return rules.rules(required(params, "benchmarkId"), required(params, "profileId"));
  }

  private static String required(Map<String, String[]> params, String key) {
    String v = ListQuery.text(params, key);
    if (v == null) {
      throw new InvalidInputException(key, key + " is required");
    }
    return v;
  }
}
