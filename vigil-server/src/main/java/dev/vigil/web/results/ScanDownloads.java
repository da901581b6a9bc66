package dev.vigil.web.results;

import dev.vigil.results.StoredRuleResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The files of a scan as responses, shared by the API and the pages: the oscap HTML report
 * (sandboxed: it is content written by the scanned host's oscap, so it must never run script or
 * reach Vigil's origin), the rules as CSV and the ARF.
 */
final class ScanDownloads {

  /** The policy of the HTML report: a unique origin, no scripts, no forms, no plugins. */
  static final String SANDBOX = "sandbox";

  /** As {@link #SANDBOX}, and only Vigil's own pages may frame it (the report page does). */
  static final String FRAMEABLE_SANDBOX = "sandbox; frame-ancestors 'self'";

  private ScanDownloads() {}

  static ResponseEntity<InputStreamResource> html(
      long id, InputStream report, boolean download, String policy) {
    ResponseEntity.BodyBuilder b =
        ResponseEntity.ok()
            .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
            .header("Content-Security-Policy", policy)
            .header("X-Content-Type-Options", "nosniff")
            .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    if (download) {
      b.header(HttpHeaders.CONTENT_DISPOSITION, attachment("security-scan-" + id + "-report.html"));
    }
    return b.body(new InputStreamResource(report));
  }

  static ResponseEntity<byte[]> csv(
      long id, List<StoredRuleResult> rules, java.util.Map<String, Long> waived) {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("security-scan-" + id + "-rules.csv"))
        .header("X-Content-Type-Options", "nosniff")
        .body(RulesCsv.of(rules, waived).getBytes(StandardCharsets.UTF_8));
  }

  static ResponseEntity<InputStreamResource> arf(long id, InputStream arf) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("security-scan-" + id + "-arf.xml"))
        .header("X-Content-Type-Options", "nosniff")
        .body(new InputStreamResource(arf));
  }

  private static String attachment(String name) {
    return ContentDisposition.attachment().filename(name).build().toString();
  }
}
