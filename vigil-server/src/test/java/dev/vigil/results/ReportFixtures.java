package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packages.PackageService;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/** Packages, servers and recorded real scans for the scan report tests, and a raw HTTP client. */
final class ReportFixtures {

  private ReportFixtures() {}

  /** A ready package of one datastream, and a local server to record scans of it for. */
  record Target(String name, long serverId, long packageId, long versionId, String checklistPath) {}

  static Target target(ApiClient api, PackageService packages, String name, Path datastream) {
    String unique = name + "-" + System.nanoTime();
    long pkg =
        created(
            api.post(
                "/api/security-packages",
                "{\"securityPackage\":{\"name\":\""
                    + unique
                    + "\",\"url\":"
                    + ApiClient.quote(datastream.toUri().toString())
                    + "}}"),
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> packages.get(pkg).currentVersionId() != null);
    long server = server(api, unique);
    String path = packages.checklists(pkg).get(0).path();
    return new Target(unique, server, pkg, packages.get(pkg).currentVersionId(), path);
  }

  static long server(ApiClient api, String name) {
    return created(
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                + "\"privilegeMode\":\"root\"}}"),
        "server");
  }

  /** Records the ARF (and HTML report, may be null) for the target as scanned by version. */
  static SecurityScan record(ResultService results, Target t, Long versionId, Path arf, Path html)
      throws Exception {
    ScanReport report = new ArfReader().read(arf);
    Path copy =
        Files.copy(
            arf,
            Files.createTempFile(arf.getParent(), "record", ".xml"),
            StandardCopyOption.REPLACE_EXISTING);
    return results.record(
        new NewScan(
            t.serverId(),
            t.name(),
            t.packageId(),
            t.name(),
            versionId,
            t.checklistPath(),
            report.profileId(),
            report,
            copy,
            html,
            "1.3.7",
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:01:30Z"),
            "admin",
            ScanOrigin.NONE));
  }

  static long created(ApiClient.Response r, String key) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }

  /** A GET with a Bearer token (null = none), headers and body kept as they came. */
  static HttpResponse<String> get(int port, String token, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.GET().build());
  }

  /** An access token from the password grant. */
  static String token(int port, String username, String password) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/oauth/token?grant_type=password&scope=write"
                            + "&client_id=morph-cli&username="
                            + username))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build());
    String body = r.body();
    int at = body.indexOf("\"access_token\":\"") + 16;
    return body.substring(at, body.indexOf('"', at));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
