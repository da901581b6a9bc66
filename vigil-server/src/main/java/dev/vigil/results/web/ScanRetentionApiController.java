package dev.vigil.results.web;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.results.ScanPurge;
import dev.vigil.results.ScanRetention;
import dev.vigil.web.ApiController;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Scan retention over the API: {@code DELETE /api/security-scans/{id}} (refused while the scan is
 * inside its keep-min window) and the purge log, {@code GET /api/security-scans/purges}.
 */
@ApiController
class ScanRetentionApiController {

  private final ScanRetention retention;
  private final CurrentUser currentUser;

  ScanRetentionApiController(ScanRetention retention, CurrentUser currentUser) {
    this.retention = retention;
    this.currentUser = currentUser;
  }

  @DeleteMapping("/api/security-scans/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    retention.delete(id, currentUser.current().map(UserRef::username).orElse(null));
    return Map.of("success", true);
  }

  @GetMapping("/api/security-scans/purges")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> purges(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<Map<String, Object>> items = retention.purges(q).stream().map(this::json).toList();
    return Map.of("scanPurges", items, "meta", Meta.of(q, items.size(), retention.countPurges()));
  }

  private Map<String, Object> json(ScanPurge p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("purgedAt", p.purgedAt().toString());
    m.put("node", p.node());
    m.put("trigger", p.trigger());
    m.put("scansDeleted", p.scansDeleted());
    m.put("blobsFreed", p.blobsFreed());
    m.put("bytesFreed", p.bytesFreed());
    m.put("dictionariesFreed", p.dictionariesFreed());
    m.put("securityScanId", p.scanId());
    m.put("createdBy", p.createdBy());
    return m;
  }
}
