package dev.vigil.web.results;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.retention.ScanPurge;
import dev.vigil.retention.ScanRetention;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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
  Success delete(@PathVariable long id) {
    retention.delete(id, currentUser.current().map(UserRef::username).orElse(null));
    return Success.OK;
  }

  @GetMapping("/api/security-scans/purges")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  PurgeList purges(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<PurgeRecord> items = retention.purges(q).stream().map(this::json).toList();
    return new PurgeList(items, Meta.of(q, items.size(), retention.countPurges()));
  }

  /** {@code GET /api/security-scans/purges}. */
  record PurgeList(List<PurgeRecord> scanPurges, Meta meta) {}

  /** One purge: what it deleted and freed. */
  record PurgeRecord(
      long id,
      String purgedAt,
      String node,
      String trigger,
      int scansDeleted,
      int blobsFreed,
      long bytesFreed,
      int dictionariesFreed,
      Long securityScanId,
      String createdBy) {}

  private PurgeRecord json(ScanPurge p) {
    return new PurgeRecord(
        p.id(),
        p.purgedAt().toString(),
        p.node(),
        p.trigger(),
        p.scansDeleted(),
        p.blobsFreed(),
        p.bytesFreed(),
        p.dictionariesFreed(),
        p.scanId(),
        p.createdBy());
  }
}
