package dev.vigil.web.remediation;

import dev.vigil.remediation.FixType;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A generated script as a download, never rendered by the browser. */
final class RemediationDownloads {

  private RemediationDownloads() {}

  static ResponseEntity<byte[]> script(String name, FixType type, String script) {
    return ResponseEntity.ok()
        .contentType(
            new MediaType(MediaType.parseMediaType(type.mediaType()), StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(name + "-remediation." + type.extension())
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(script.getBytes(StandardCharsets.UTF_8));
  }
}
