package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.PageSessions;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * History outlives what it describes: two real scans (oscap over a real sshd) of one server by one
 * job; then the job, the package and the server are deleted, and every scan endpoint and page still
 * answers 200 with the names, ids and titles the scans recorded, marked deleted, and the two scans
 * still compare as scans of one server.
 */
@VigilSystemTest
class DeletedSubjectsSystemTest {

  private static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final Path contentRoot =
      SystemTestContent.newFolder("vigil-deletedsubjectssystemtest");
  private static Path nineDs;
  private static SshdHarness sshd;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    sshd = SshdHarness.start();
    sshd.authorize("root");
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void scansOfADeletedServerJobAndPackageStayReadableUnderTheirRecordedNames() throws Exception {
    ApiClient api = new ApiClient(port).login("admin", PW);
    FleetApi fleet = new FleetApi(api);
    MockHttpSession session = PageSessions.login(mvc, "admin", PW);
    long pkg = fleet.readyPackage("nine-kept", nineDs);
    long server = fleet.sshServer("kept-web01", sshd);
    long job =
        fleet.job(
            "kept-nightly",
            pkg,
            nineDs.getFileName().toString(),
            ScanFixtures.NINE_PROFILE,
            List.of(server),
            1);
    for (int i = 0; i < 2; i++) {
      assertThat(
              fleet.awaitEnd(fleet.execute(job), Duration.ofSeconds(120)).get("status").asString())
          .isEqualTo("complete");
    }
    List<Long> scans = scanIds(api, "/api/security-scans?serverId=" + server);
    assertThat(scans).hasSize(2);
    long first = scans.get(1);
    long second = scans.get(0);

    String hostPage = page(session, "/infrastructure/hosts/" + server);
    assertThat(hostPage)
        .as("the UI says what deleting does to the scans before it is done")
        .contains("Its 2 security scans are kept: readable under its name, marked deleted.");

    assertThat(api.delete("/api/jobs/" + job).status()).isEqualTo(200);
    assertThat(api.delete("/api/security-packages/" + pkg).status()).isEqualTo(200);
    assertThat(api.delete("/api/servers/" + server).status()).isEqualTo(200);
    assertThat(api.get("/api/servers/" + server).status()).isEqualTo(404);

    JsonNode list = ok(api, "/api/security-scans").get("securityScans");
    assertThat(list).hasSize(2);
    for (JsonNode s : list) {
      assertRecorded(s, server, pkg, job);
    }
    assertThat(scanIds(api, "/api/security-scans?serverId=" + server)).isEqualTo(scans);
    assertThat(scanIds(api, "/api/security-scans?securityPackageId=" + pkg)).isEqualTo(scans);
    assertThat(scanIds(api, "/api/security-scans?phrase=kept-web")).isEqualTo(scans);
    JsonNode detail = ok(api, "/api/security-scans/" + second + "?results=true");
    assertRecorded(detail.get("securityScan"), server, pkg, job);
    assertThat(detail.get("securityScan").get("results").get("ruleResults").size()).isPositive();
    assertThat(ok(api, "/api/security-scans/" + second + "/rules").get("rules").size())
        .isPositive();
    assertThat(raw(api, "/api/security-scans/" + second + "/rules.csv")).startsWith("rule_id,");
    assertThat(raw(api, "/api/security-scans/" + second + "/report.html")).contains("<html");
    assertThat(raw(api, "/api/security-scans/" + second + "/arf")).contains("asset-report");
    JsonNode diff = ok(api, "/api/security-scans/" + second + "/compare/" + first);
    assertThat(diff.toString()).doesNotContain("different servers");
    assertThat(diff.toString()).contains("kept-web01");

    String report = page(session, "/security-scans/" + second);
    assertThat(report)
        .contains("kept-web01 (deleted)")
        .contains("kept-nightly (deleted)")
        .contains("nine-kept (deleted)")
        .contains("id=\"profile-title\"");
    assertThat(page(session, "/infrastructure/servers/" + server + "/security/" + second))
        .contains("kept-web01 (deleted)");
    String tab = page(session, "/infrastructure/servers/" + server + "/security");
    assertThat(tab)
        .contains("kept-web01")
        .contains("id=\"deleted-notice\"")
        .contains("data-scan=\"" + first + "\"")
        .contains("data-scan=\"" + second + "\"")
        .contains("kept-nightly (deleted)");
    assertThat(page(session, "/security-scans/" + second + "/compare"))
        .contains("kept-web01 (deleted)")
        .contains("other-" + first);
    assertThat(page(session, "/security-scans/" + second + "/compare/" + first))
        .contains("kept-web01 (deleted)")
        .doesNotContain("different servers");
    page(session, "/security-scans/" + second + "/report.html");
    assertThat(page(session, "/security-scans/" + second + "/rules.csv")).startsWith("rule_id,");
    assertThat(page(session, "/security-scans/" + second + "/arf")).contains("asset-report");
    assertThat(
            mvc.perform(
                    get("/infrastructure/servers/" + (server + 1000) + "/security")
                        .session(session))
                .andReturn()
                .getResponse()
                .getStatus())
        .as("a server that never existed has no history")
        .isEqualTo(404);
  }

  private static void assertRecorded(JsonNode s, long server, long pkg, long job) {
    assertThat(s.get("server").get("id").asLong()).isEqualTo(server);
    assertThat(s.get("server").get("name").asString()).isEqualTo("kept-web01");
    assertThat(s.get("server").get("deleted").asBoolean()).isTrue();
    assertThat(s.get("securityPackage").get("id").asLong()).isEqualTo(pkg);
    assertThat(s.get("securityPackage").get("name").asString()).isEqualTo("nine-kept");
    assertThat(s.get("securityPackage").get("deleted").asBoolean()).isTrue();
    assertThat(s.get("job").get("id").asLong()).isEqualTo(job);
    assertThat(s.get("job").get("name").asString()).isEqualTo("kept-nightly");
    assertThat(s.get("job").get("deleted").asBoolean()).isTrue();
    assertThat(s.get("profileId").asString()).isEqualTo(ScanFixtures.NINE_PROFILE);
    assertThat(s.get("profileTitle").asString()).isNotBlank();
    assertThat(s.get("benchmark").get("title").asString()).isNotBlank();
  }

  private static List<Long> scanIds(ApiClient api, String path) {
    List<Long> ids = new ArrayList<>();
    ok(api, path).get("securityScans").forEach(s -> ids.add(s.get("id").asLong()));
    return ids;
  }

  private static JsonNode ok(ApiClient api, String path) {
    ApiClient.Response r = api.get(path);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    return r.json();
  }

  private static String raw(ApiClient api, String path) {
    ApiClient.Response r = api.get(path);
    assertThat(r.status()).as(path).isEqualTo(200);
    return r.body();
  }

  private String page(MockHttpSession session, String path) throws Exception {
    MockHttpServletResponse r = mvc.perform(get(path).session(session)).andReturn().getResponse();
    assertThat(r.getStatus()).as(path).isEqualTo(200);
    return r.getContentAsString();
  }
}
