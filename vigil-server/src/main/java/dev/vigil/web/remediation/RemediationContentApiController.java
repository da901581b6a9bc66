package dev.vigil.web.remediation;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.remediation.FixType;
import dev.vigil.remediation.RemediationContent;
import dev.vigil.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /api/security-scans/{id}/remediation} and {@code /api/job-executions/{id}/remediation}:
 * the fixes for failed rules as a Bash script or an Ansible playbook ({@code ?type=bash|ansible}).
 * Reading results is enough: the content is text, nothing runs.
 */
@ApiController
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class RemediationContentApiController {

  private final RemediationContent content;

  RemediationContentApiController(RemediationContent content) {
    this.content = content;
  }

  @GetMapping("/api/security-scans/{id}/remediation")
  ResponseEntity<byte[]> scan(@PathVariable long id, @RequestParam(required = false) String type) {
    FixType t = FixType.parse(type);
    return RemediationDownloads.script("security-scan-" + id, t, content.forScan(id, t));
  }

  @GetMapping("/api/job-executions/{id}/remediation")
  ResponseEntity<byte[]> execution(
      @PathVariable long id, @RequestParam(required = false) String type) {
    FixType t = FixType.parse(type);
    return RemediationDownloads.script("job-execution-" + id, t, content.forExecution(id, t));
  }
}
