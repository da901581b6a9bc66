package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Recording a scan from a real oscap ARF (the project's nine-results content) and reading it back
 * through {@code /api/security-scans} in Morpheus's shape.
 */
@VigilSystemTestWithoutScheduler
class SecurityScanApiIntegrationTest {

  /** A real ARF written by oscap 1.3.7 for the project's nine-results test content. */
  static final Path NINE_RESULTS_ARF =
      Path.of("../vigil-scap/src/test/resources/dev/vigil/scap/arf/nine-results-arf.xml");

  @LocalServerPort int port;
  @Autowired ResultService results;
  @Autowired JdbcClient jdbc;
  ApiClient api;
  long serverA;
  long serverB;
  long packageId;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    jdbc.sql("delete from security_scans").update();
    serverA = server("scan-a");
    serverB = server("scan-b");
    packageId =
        api.post(
                "/api/security-packages",
                "{\"securityPackage\":{\"name\":\"nine-"
                    + System.nanoTime()
                    + "\",\"url\":\"https://e.invalid/n.xml\"}}")
            .json()
            .get("securityPackage")
            .get("id")
            .asLong();
  }

  @Test
  void recordedScanIsListedAndReadInMorpheusShapeWithCountsFromTheArf() throws Exception {
    ScanReport report = new ArfReader().read(NINE_RESULTS_ARF);
    long id = record(serverA, report, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
    JsonNode scan = api.get("/api/security-scans/" + id).json().get("securityScan");
    assertThat(scan.get("server").get("name").asString()).isEqualTo("scan-a");
    assertThat(scan.get("securityPackage").get("type").get("name").asString())
        .isEqualTo("SCAP Package");
    assertThat(scan.get("status").asString()).isEqualTo("complete");
    assertThat(scan.get("scanDuration").asLong()).isEqualTo(60_000);
    // nine-results: one rule each of the nine XCCDF results
    assertThat(scan.get("testCount").asInt()).isEqualTo(8);
    assertThat(scan.get("runCount").asInt()).isEqualTo(6);
    assertThat(scan.get("passCount").asInt()).isEqualTo(2);
    assertThat(scan.get("failCount").asInt()).isEqualTo(1);
    assertThat(scan.get("otherCount").asInt()).isEqualTo(3);
    assertThat(scan.get("scanScore").asDouble()).isEqualTo(report.scores().get(0).value());
    for (String type :
        new String[] {
          "pass",
          "fail",
          "error",
          "unknown",
          "notapplicable",
          "notchecked",
          "notselected",
          "informational",
          "fixed"
        }) {
      assertThat(scan.get("counts").get(type).asInt()).as(type).isEqualTo(1);
    }
    assertThat(scan.has("results")).isFalse();
    JsonNode withResults = api.get("/api/security-scans/" + id + "?results=true").json();
    JsonNode rules = withResults.get("securityScan").get("results").get("ruleResults");
    assertThat(rules).hasSize(report.ruleResults().size());
    assertThat(rules.get(0).get("ruleId").asString())
        .isEqualTo(report.ruleResults().get(0).ruleId());
  }

  @Test
  void listFiltersByServerAndPackageNewestFirst() throws Exception {
    ScanReport report = new ArfReader().read(NINE_RESULTS_ARF);
    long older = record(serverA, report, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
    long newer = record(serverA, report, "2026-01-02T00:00:00Z", "2026-01-02T00:01:00Z");
    long other = record(serverB, report, "2026-01-03T00:00:00Z", "2026-01-03T00:01:00Z");
    assertThat(ids("/api/security-scans?serverId=" + serverA)).containsExactly(newer, older);
    assertThat(ids("/api/security-scans?serverId=" + serverA + "&serverId=" + serverB))
        .containsExactly(other, newer, older);
    assertThat(ids("/api/security-scans?securityPackageId=" + packageId + "&max=1"))
        .containsExactly(other);
    assertThat(ids("/api/security-scans?securityPackageId=999999")).isEmpty();
    assertThat(api.get("/api/security-scans?serverId=abc").status()).isEqualTo(400);
    assertThat(api.get("/api/security-scans/999999").status()).isEqualTo(404);
  }

  private long record(long serverId, ScanReport report, String start, String end) {
    return results
        .record(
            new NewScan(
                serverId,
                serverId == serverA ? "scan-a" : "scan-b",
                packageId,
                "nine",
                null,
                "nine-results-ds.xml",
                report.profileId(),
                report,
                NINE_RESULTS_ARF,
                null,
                "1.3.7",
                Instant.parse(start),
                Instant.parse(end),
                "admin",
                ScanOrigin.NONE))
        .id();
  }

  private java.util.List<Long> ids(String path) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    api.get(path).json().get("securityScans").forEach(s -> out.add(s.get("id").asLong()));
    return out;
  }

  private long server(String name) {
    jdbc.sql("delete from servers where name = ?").param(name).update();
    ApiClient.Response r =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\","
                + "\"sshHost\":\"localhost\",\"privilegeMode\":\"root\"}}");
    if (r.status() != 200) {
      throw new IllegalStateException(r.body());
    }
    return r.json().get("server").get("id").asLong();
  }
}
