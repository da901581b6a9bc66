package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanQuery;
import dev.vigil.results.ScanTailoring;
import dev.vigil.results.SecurityScan;
import dev.vigil.shared.ListQuery;
import dev.vigil.tailoring.TailoringService;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /api/security-scans}: the scans of every server, in Morpheus's shape. */
@ApiController
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class ScanApiController {

  private final ResultService results;
  private final TailoringService tailorings;

  ScanApiController(ResultService results, TailoringService tailorings) {
    this.results = results;
    this.tailorings = tailorings;
  }

  @GetMapping("/api/security-scans")
  ScanJson.ScanList list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    ScanQuery q =
        new ScanQuery(
            ListQuery.from(params),
            ListQuery.ids(params, "serverId"),
            ListQuery.ids(params, "securityPackageId"));
    boolean withResults = "true".equalsIgnoreCase(ListQuery.text(params, "results"));
    List<ScanJson.ScanRecord> items =
        results.list(q).stream().map(s -> record(s, withResults)).toList();
    return new ScanJson.ScanList(items, Meta.of(q.list(), items.size(), results.count(q)));
  }

  @GetMapping("/api/security-scans/{id}")
  ScanJson.ScanOne get(@PathVariable long id, @RequestParam(required = false) String results) {
    ScanJson.ScanRecord scan = record(this.results.get(id), "true".equalsIgnoreCase(results));
    return new ScanJson.ScanOne(
        scan.withTailoring(this.results.tailoring(id).map(this::tailoring).orElse(null)));
  }

  /** The scan's ARF as oscap wrote it, its embedded datastream put back. */
  @GetMapping("/api/security-scans/{id}/arf")
  ResponseEntity<InputStreamResource> arf(@PathVariable long id) {
    return ScanDownloads.arf(id, results.openArf(id));
  }

  /** The tailoring a scan was made with and what its pinned version changed. */
  private ScanJson.ScanTailoringUsed tailoring(ScanTailoring t) {
    var changes = tailorings.changes(t.id(), t.version());
    return new ScanJson.ScanTailoringUsed(
        t.id(),
        t.version(),
        t.name(),
        t.profileTitle(),
        changes.map(p -> p.extendsProfile()).orElse(null),
        changes.map(p -> p.rules()).orElse(null),
        changes.map(p -> p.values()).orElse(null));
  }

  private ScanJson.ScanRecord record(SecurityScan s, boolean withResults) {
    return ScanJson.record(s, withResults ? ScanJson.results(s, results.rules(s.id())) : null);
  }
}
