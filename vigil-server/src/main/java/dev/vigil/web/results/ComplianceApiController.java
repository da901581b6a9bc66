package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ComplianceService;
import dev.vigil.web.ApiController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /api/servers/{id}/compliance} and {@code /api/compliance/summary}. */
@ApiController
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class ComplianceApiController {

  static final int TREND_DAYS = 30;

  private final ComplianceService compliance;

  ComplianceApiController(ComplianceService compliance) {
    this.compliance = compliance;
  }

  @GetMapping("/api/servers/{id}/compliance")
  ComplianceJson.ServerCompliance server(@PathVariable long id) {
    return new ComplianceJson.ServerCompliance(ComplianceJson.server(compliance.server(id)));
  }

  @GetMapping("/api/compliance/summary")
  ComplianceJson.SummaryOne summary() {
    var d = compliance.dashboard(TREND_DAYS);
    return new ComplianceJson.SummaryOne(ComplianceJson.summary(d.fleet(), d.jobs(), d.days()));
  }
}
