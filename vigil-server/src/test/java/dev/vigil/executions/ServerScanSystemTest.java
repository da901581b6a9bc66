package dev.vigil.executions;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.results.SecurityScan;
import dev.vigil.scanning.FailureReason;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanFailure;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.arf.RuleResult;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A registered server scanned end to end from a service call: a security package fetched from a
 * {@code file:} URL, a server reached over a real loopback sshd with a stored key credential, the
 * real oscap, the result recorded and equal rule by rule to oscap run directly.
 */
@VigilSystemTest
class ServerScanSystemTest {

  private static final Path contentRoot = SystemTestContent.newFolder("vigil-serverscansystemtest");
  private static SshdHarness sshd;
  private static Path nineDs;
  private static ScanReport direct;

  @LocalServerPort int port;
  @Autowired ServerScanService scans;
  ApiClient api;
  ExecutionApi make;

  @BeforeAll
  static void startTarget() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    direct = ScanFixtures.directNineResultsReport(nineDs);
    sshd = SshdHarness.start();
    sshd.authorize("root");
  }

  @AfterAll
  static void stopTarget() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    make = new ExecutionApi(api, sshd, nineDs);
  }

  @Test
  void scansAnSshServerRecordsTheScanAndPinsItsHostKey() throws Exception {
    long pkg = make.readyPackage("nine-ssh");
    long server = make.sshServer("target-ssh");
    SecurityScan scan = scans.scan(order(server, pkg), new ScanControl());
    assertSameAsDirect(scan);
    JsonNode s = api.get("/api/servers/" + server).json().get("server");
    assertThat(s.get("hostKeyFingerprint").asString()).isEqualTo(sshd.hostKeyFingerprint());
    JsonNode listed = api.get("/api/security-scans?serverId=" + server).json();
    assertThat(listed.get("meta").get("total").asInt()).isEqualTo(1);
    assertThat(listed.get("securityScans").get(0).get("failCount").asInt())
        .isEqualTo(direct.count(ResultType.FAIL));
    SecurityScan again = scans.scan(order(server, pkg), new ScanControl());
    assertThat(again.id()).isNotEqualTo(scan.id());
    assertThat(
            api.get("/api/security-scans?serverId=" + server)
                .json()
                .get("meta")
                .get("total")
                .asInt())
        .isEqualTo(2);
  }

  @Test
  void scansTheVigilHostItselfAsALocalServer() throws Exception {
    long pkg = make.readyPackage("nine-local");
    long server = make.localServer("target-local");
    assertSameAsDirect(scans.scan(order(server, pkg), new ScanControl()));
  }

  @Test
  void anUnreachableServerFailsWithItsReasonAndRecordsNothing() throws Exception {
    long pkg = make.readyPackage("nine-down");
    long server = make.sshServer("target-down");
    api.put("/api/servers/" + server, "{\"server\":{\"sshPort\":1}}");
    assertThatThrownBy(() -> scans.scan(order(server, pkg), new ScanControl()))
        .isInstanceOfSatisfying(
            ScanFailure.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.UNREACHABLE));
    assertThat(
            api.get("/api/security-scans?serverId=" + server)
                .json()
                .get("meta")
                .get("total")
                .asInt())
        .isZero();
  }

  private void assertSameAsDirect(SecurityScan scan) {
    JsonNode got =
        api.get("/api/security-scans/" + scan.id() + "?results=true").json().get("securityScan");
    Map<String, String> byRule = new LinkedHashMap<>();
    got.get("results")
        .get("ruleResults")
        .forEach(r -> byRule.put(r.get("ruleId").asString(), r.get("result").asString()));
    Map<String, String> expected =
        direct.ruleResults().stream()
            .collect(
                Collectors.toMap(
                    RuleResult::ruleId, r -> r.result().xccdf(), (a, b) -> a, LinkedHashMap::new));
    assertThat(byRule).isEqualTo(expected);
    for (ResultType t : ResultType.values()) {
      assertThat(scan.count(t)).as(t.xccdf()).isEqualTo(direct.count(t));
    }
    assertThat(scan.score()).isEqualTo(direct.scores().get(0).value());
    assertThat(scan.profileId()).isEqualTo(NINE_PROFILE);
  }

  private ScanOrder order(long server, long pkg) {
    return new ScanOrder(
        server, pkg, nineDs.getFileName().toString(), NINE_PROFILE, Duration.ofMinutes(5), "admin");
  }
}
