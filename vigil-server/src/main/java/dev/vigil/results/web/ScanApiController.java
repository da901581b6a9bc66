package dev.vigil.results.web;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanQuery;
import dev.vigil.results.ScanTailoring;
import dev.vigil.results.SecurityScan;
import dev.vigil.tailoring.TailoringService;
import dev.vigil.web.ApiController;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
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
  Map<String, Object> list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    ScanQuery q =
        new ScanQuery(
            ListQuery.from(params),
            ListQuery.ids(params, "serverId"),
            ListQuery.ids(params, "securityPackageId"));
    boolean withResults = "true".equalsIgnoreCase(ListQuery.text(params, "results"));
    List<Map<String, Object>> items =
        results.list(q).stream().map(s -> record(s, withResults)).toList();
    return Map.of(
        "securityScans", items, "meta", Meta.of(q.list(), items.size(), results.count(q)));
  }

  @GetMapping("/api/security-scans/{id}")
  Map<String, Object> get(@PathVariable long id, @RequestParam(required = false) String results) {
    Map<String, Object> scan = record(this.results.get(id), "true".equalsIgnoreCase(results));
    scan.put("tailoring", this.results.tailoring(id).map(this::tailoring).orElse(null));
    return Map.of("securityScan", scan);
  }

  /** The scan's ARF as oscap wrote it, its embedded datastream put back. */
  @GetMapping("/api/security-scans/{id}/arf")
  ResponseEntity<InputStreamResource> arf(@PathVariable long id) {
    return ScanDownloads.arf(id, results.openArf(id));
  }

  /** The tailoring a scan was made with and what its pinned version changed. */
  private Map<String, Object> tailoring(ScanTailoring t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("version", t.version());
    m.put("name", t.name());
    m.put("profileTitle", t.profileTitle());
    tailorings
        .changes(t.id(), t.version())
        .ifPresent(
            p -> {
              m.put("baseProfile", p.extendsProfile());
              m.put("rules", p.rules());
              m.put("values", p.values());
            });
    return m;
  }

  private Map<String, Object> record(SecurityScan s, boolean withResults) {
    Map<String, Object> m = ScanJson.record(s);
    if (withResults) {
      m.put("results", ScanJson.results(s, results.rules(s.id())));
    }
    return m;
  }
}
