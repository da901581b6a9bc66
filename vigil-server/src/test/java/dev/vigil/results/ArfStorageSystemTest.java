package dev.vigil.results;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static dev.vigil.testsupport.ScanFixtures.SSG_STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.packages.PackageService;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.Ident;
import dev.vigil.scap.arf.RuleResult;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Compact storage of real scans: oscap evaluates the nine-results datastream and Debian 11's SSG
 * datastream (standard profile) on this host; the recorded scan's rules equal the ARF's rule by
 * rule, the ARF is stored without its datastream and downloads byte for byte as oscap wrote it (and
 * {@code oscap ds rds-validate} accepts it), and the SSG scan stores at most 3% of its ARF.
 */
@VigilSystemTest
class ArfStorageSystemTest {

  private static final Path contentRoot = SystemTestContent.newFolder("vigil-arf-content");
  private static final Path arfs = tempDir("vigil-arf-runs");
  private static Path nineDs;
  private static Path ssgDs;
  private static Path nineArf;
  private static Path ssgArf;
  private static Path nineHtml;
  private static Path ssgHtml;

  @LocalServerPort int port;
  @Autowired ResultService results;
  @Autowired PackageService packages;
  @Autowired JdbcClient jdbc;
  ApiClient api;
  String token;

  @BeforeAll
  static void scanThisHost() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(Files.createDirectories(contentRoot.resolve("n")));
    ssgDs = Files.copy(ScanFixtures.SSG_DEBIAN11, contentRoot.resolve("ssg-debian11-ds.xml"));
    nineArf = arfs.resolve("nine-arf.xml");
    nineHtml = arfs.resolve("nine-report.html");
    assertThat(
            ScanFixtures.oscapEval(nineDs, NINE_PROFILE, nineArf, "--report", nineHtml.toString()))
        .isEqualTo(2);
    ssgArf = arfs.resolve("ssg-arf.xml");
    ssgHtml = arfs.resolve("ssg-report.html");
    assertThat(ScanFixtures.oscapEval(ssgDs, SSG_STANDARD, ssgArf, "--report", ssgHtml.toString()))
        .isIn(0, 2);
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    token = token();
  }

  @Test
  void nineResultsScanKeepsEveryRuleAndDownloadsTheArfByteForByte() throws Exception {
    Target t = target("nine", nineDs);
    ScanReport report = new ArfReader().read(nineArf);
    SecurityScan first = record(t, report, nineArf);
    SecurityScan second = record(t, report, nineArf);

    assertSameRules(first.id(), report);
    StorageFootprint a = results.footprint(first.id());
    StorageFootprint b = results.footprint(second.id());
    assertThat(a.datastreamSha256()).as("datastream cut out").isNotNull();
    assertThat(b.datastreamSha256()).isEqualTo(a.datastreamSha256());
    assertThat(b.ruleDictionaryId()).isEqualTo(a.ruleDictionaryId());
    assertThat(a.arfRawBytes()).isEqualTo(Files.size(nineArf));
    assertDownloadIsTheArf(second.id(), nineArf, report);
  }

  @Test
  void ssgScanIsStoredInAtMostThreePercentOfItsArf() throws Exception {
    Target t = target("ssg", ssgDs);
    ScanReport report = new ArfReader().read(ssgArf);
    assertThat(report.ruleResults()).hasSizeGreaterThan(100);
    SecurityScan scan = record(t, report, ssgArf);

    assertSameRules(scan.id(), report);
    StorageFootprint f = results.footprint(scan.id());
    assertThat(f.datastreamSha256()).as("datastream cut out").isNotNull();
    assertThat(f.ruleResultBytes()).isEqualTo(report.ruleResults().size());
    System.out.printf(
        "SSG scan: raw ARF %d bytes, stored %d (ARF blob %d + rule codes %d) = %.2f%%;"
            + " shared once: datastream %d, rule dictionary text %d%n",
        f.arfRawBytes(),
        f.perScanBytes(),
        f.arfStoredBytes(),
        f.ruleResultBytes(),
        100 * f.perScanRatio(),
        f.datastreamStoredBytes(),
        f.ruleDictionaryTextBytes());
    assertThat(f.perScanRatio()).isLessThanOrEqualTo(0.03);
    assertDownloadIsTheArf(scan.id(), ssgArf, report);
  }

  @Test
  void anArfWhoseDatastreamIsNotThePackagesIsStoredWholeAndDownloadsUnchanged() throws Exception {
    Target t = target("crafted", nineDs);
    String arf = Files.readString(nineArf);
    int ds = arf.indexOf("<ds:data-stream-collection");
    int title = arf.indexOf("<title>", ds);
    assertThat(title).isPositive().isLessThan(arf.indexOf("</ds:data-stream-collection>"));
    Path crafted = arfs.resolve("crafted-arf.xml");
    Files.writeString(crafted, arf.substring(0, title) + "<!-- planted -->" + arf.substring(title));
    String plantedText = arf.substring(0, title) + "<title>Planted " + arf.substring(title + 7);
    Path changed = arfs.resolve("changed-arf.xml");
    Files.writeString(changed, plantedText);
    ScanReport report = new ArfReader().read(changed);

    SecurityScan scan = record(t, report, changed);

    assertThat(results.footprint(scan.id()).datastreamSha256()).as("stored whole").isNull();
    assertThat(download(scan.id())).isEqualTo(Files.readAllBytes(changed));
    // a comment is not content: that copy is still the package's and is cut out
    SecurityScan commented = record(t, new ArfReader().read(crafted), crafted);
    assertThat(results.footprint(commented.id()).datastreamSha256()).isNotNull();
    assertThat(download(commented.id())).isEqualTo(Files.readAllBytes(crafted));
  }

  @Test
  void aDoctypeOrBrokenArfIsRefusedAndNothingIsWritten() throws Exception {
    Target t = target("hostile", nineDs);
    ScanReport report = new ArfReader().read(nineArf);
    String arf = Files.readString(nineArf);
    Path doctype = arfs.resolve("doctype-arf.xml");
    Files.writeString(
        doctype,
        arf.replaceFirst("\\?>", "?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"));
    Path truncated = arfs.resolve("truncated-arf.xml");
    Files.writeString(truncated, arf.substring(0, arf.length() * 2 / 3));
    long scans = count("security_scans");
    long blobs = count("blobs");

    assertThatThrownBy(() -> record(t, report, doctype))
        .isInstanceOf(InvalidArfException.class)
        .hasMessageContaining("DOCTYPE");
    assertThatThrownBy(() -> record(t, report, truncated))
        .isInstanceOf(InvalidArfException.class)
        .hasMessageContaining("truncated");
    assertThat(count("security_scans")).isEqualTo(scans);
    assertThat(count("blobs")).isEqualTo(blobs);
  }

  /**
   * oscap's reports of two different contents embed the same CSS and JavaScript: it is compressed
   * once per node and spliced into each report's gzip, and each report still downloads byte for
   * byte as oscap wrote it.
   */
  @Test
  void htmlReportsOfDifferentContentDownloadByteForByte() throws Exception {
    Target nine = target("nine-html", nineDs);
    Target ssg = target("ssg-html", ssgDs);
    SecurityScan a = record(nine, new ArfReader().read(nineArf), nineArf, nineHtml);
    SecurityScan b = record(ssg, new ArfReader().read(ssgArf), ssgArf, ssgHtml);
    SecurityScan c = record(nine, new ArfReader().read(nineArf), nineArf, nineHtml);

    assertThat(ReportAssets.locate(Files.readAllBytes(nineHtml)))
        .as("assets in the head")
        .isNotNull();
    assertThat(get("/api/security-scans/" + a.id() + "/report.html").body())
        .isEqualTo(Files.readAllBytes(nineHtml));
    assertThat(get("/api/security-scans/" + b.id() + "/report.html").body())
        .isEqualTo(Files.readAllBytes(ssgHtml));
    assertThat(c.reportSha256()).as("same bytes, same blob").isEqualTo(a.reportSha256());
    assertThat(b.reportSha256()).isNotEqualTo(a.reportSha256());
  }

  @Test
  void downloadOfAnUnknownScanIs404() {
    assertThat(api.get("/api/security-scans/999999/arf").status()).isEqualTo(404);
  }

  private void assertSameRules(long scanId, ScanReport report) {
    JsonNode rules =
        api.get("/api/security-scans/" + scanId + "?results=true")
            .json()
            .get("securityScan")
            .get("results")
            .get("ruleResults");
    assertThat(rules).hasSize(report.ruleResults().size());
    for (int i = 0; i < rules.size(); i++) {
      JsonNode got = rules.get(i);
      RuleResult want = report.ruleResults().get(i);
      assertThat(got.get("ruleId").asString()).isEqualTo(want.ruleId());
      assertThat(got.get("result").asString()).as(want.ruleId()).isEqualTo(want.result().xccdf());
      assertThat(got.get("severity").asString()).as(want.ruleId()).isEqualTo(want.severity());
      assertThat(got.get("title").isNull() ? null : got.get("title").asString())
          .as(want.ruleId())
          .isEqualTo(want.title());
      List<String> idents = new ArrayList<>();
      got.get("idents").forEach(n -> idents.add(n.asString()));
      assertThat(idents).isEqualTo(want.idents().stream().map(Ident::value).toList());
    }
  }

  private void assertDownloadIsTheArf(long scanId, Path arf, ScanReport report) throws Exception {
    HttpResponse<byte[]> r = get("/api/security-scans/" + scanId + "/arf");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment")
        .contains(".xml");
    assertThat(r.body()).isEqualTo(Files.readAllBytes(arf));
    Path downloaded = Files.write(arfs.resolve("downloaded-" + scanId + ".xml"), r.body());
    assertThat(ScanFixtures.exitCode("oscap", "ds", "rds-validate", downloaded.toString()))
        .isZero();
    assertThat(new ArfReader().read(downloaded)).isEqualTo(report);
  }

  private SecurityScan record(Target t, ScanReport report, Path arf) throws IOException {
    return record(t, report, arf, null);
  }

  private SecurityScan record(Target t, ScanReport report, Path arf, Path html) throws IOException {
    Path htmlCopy =
        html == null
            ? null
            : Files.copy(
                html,
                Files.createTempFile(arfs, "record", ".html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path copy =
        Files.copy(
            arf,
            Files.createTempFile(arfs, "record", ".xml"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return results.record(
        new NewScan(
            t.serverId,
            t.name,
            t.packageId,
            t.name,
            t.versionId,
            t.checklistPath,
            report.profileId(),
            report,
            copy,
            htmlCopy,
            "1.3.7",
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:01:00Z"),
            "admin",
            ScanOrigin.NONE));
  }

  private record Target(
      String name, long serverId, long packageId, long versionId, String checklistPath) {}

  private Target target(String name, Path datastream) {
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
    long server =
        created(
            api.post(
                "/api/servers",
                "{\"server\":{\"name\":\""
                    + unique
                    + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                    + "\"privilegeMode\":\"root\"}}"),
            "server");
    String path = packages.checklists(pkg).get(0).path();
    return new Target(unique, server, pkg, packages.get(pkg).currentVersionId(), path);
  }

  private static long created(ApiClient.Response r, String key) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private byte[] download(long scanId) throws Exception {
    HttpResponse<byte[]> r = get("/api/security-scans/" + scanId + "/arf");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private String token() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + port
                                  + "/oauth/token?grant_type=password&scope=write"
                                  + "&client_id=morph-cli&username=admin"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "password="
                                  + URLEncoder.encode(
                                      VigilSystemTest.ADMIN_PASSWORD, StandardCharsets.UTF_8)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String body = r.body();
      int at = body.indexOf("\"access_token\":\"") + 16;
      return body.substring(at, body.indexOf('"', at));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
