package dev.vigil.web.remediation;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.remediation.FixType;
import dev.vigil.remediation.RemediationContent;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The remediation downloads the report and execution pages link to, for the browser's session; the
 * same content as {@link RemediationContentApiController}.
 */
@Controller
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class RemediationContentPageController {

  private final RemediationContent content;

  RemediationContentPageController(RemediationContent content) {
    this.content = content;
  }

  @GetMapping("/security-scans/{id}/remediation")
  ResponseEntity<byte[]> scan(@PathVariable long id, @RequestParam(required = false) String type) {
    FixType t = FixType.parse(type);
    return RemediationDownloads.script("security-scan-" + id, t, content.forScan(id, t));
  }

  @GetMapping("/provisioning/jobs/executions/{id}/remediation")
  ResponseEntity<byte[]> execution(
      @PathVariable long id, @RequestParam(required = false) String type) {
    FixType t = FixType.parse(type);
    return RemediationDownloads.script("job-execution-" + id, t, content.forExecution(id, t));
  }
}
