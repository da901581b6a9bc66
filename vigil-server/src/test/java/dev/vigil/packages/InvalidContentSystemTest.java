package dev.vigil.packages;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A datastream oscap refuses (schema-invalid: {@code extended-components} where {@code checks} is
 * required) is refused when its package is indexed, with oscap's reason; kept on request, it is
 * ready with a visible warning and scanned (real oscap, local server) with {@code --skip-valid}.
 */
@VigilSystemTest
class InvalidContentSystemTest {

  private static final Path root = SystemTestContent.newFolder("vigil-invalidcontentsystemtest");
  private static Path invalid;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  ApiClient api;
  FleetApi fleet;

  @BeforeAll
  static void content() throws IOException {
    ScanFixtures.requireScanning();
    invalid = ScanFixtures.schemaInvalidDatastream(root);
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    fleet = new FleetApi(api);
  }

  @Test
  void anInvalidDatastreamIsRefusedAtIndexingOrKeptWithAWarningAndScannedWithSkipValid()
      throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/security-packages",
            "{\"securityPackage\":{\"name\":\"invalid-ds\",\"url\":"
                + ApiClient.quote(invalid.toUri().toString())
                + "}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    long id = created.json().get("securityPackage").get("id").asLong();
    JsonNode failed = awaitStatus(id, "failed");
    assertThat(failed.get("acceptInvalid").asBoolean()).isFalse();
    assertThat(failed.get("statusMessage").asString())
        .startsWith("schema-invalid-ds.xml is not valid SCAP content: File 'schema-invalid-ds.xml'")
        .contains("extended-components': This element is not expected")
        .contains("(oscap ds sds-validate)")
        .contains("accept invalid content to keep it");
    assertThat(failed.get("currentVersion").isNull()).isTrue();

    ApiClient.Response bad =
        api.put(
            "/api/security-packages/" + id, "{\"securityPackage\":{\"acceptInvalid\":\"maybe\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").has("acceptInvalid")).as(bad.body()).isTrue();

    ApiClient.Response kept =
        api.put("/api/security-packages/" + id, "{\"securityPackage\":{\"acceptInvalid\":true}}");
    assertThat(kept.status()).as(kept.body()).isEqualTo(200);
    JsonNode ready = awaitStatus(id, "ready");
    assertThat(ready.get("acceptInvalid").asBoolean()).isTrue();
    assertThat(ready.get("statusMessage").asString())
        .contains("; warning: schema-invalid-ds.xml is not valid SCAP content, kept as asked");
    JsonNode checklist =
        api.get("/api/security-packages/" + id + "/checklists").json().get("checklists").get(0);
    assertThat(checklist.get("validationProblem").asString())
        .contains("extended-components")
        .endsWith("(oscap ds sds-validate)");
    String page = Pages.html(mvc, "/provisioning/jobs/security-packages/" + id, "admin");
    assertThat(page)
        .contains("Not valid SCAP content")
        .contains("--skip-valid")
        .contains("kept with a warning, scanned with --skip-valid");

    long server = fleet.localServer("invalid-content-host");
    long job =
        fleet.job("invalid-ds-job", id, "schema-invalid-ds.xml", NINE_PROFILE, List.of(server), 1);
    JsonNode ended = fleet.awaitEnd(fleet.execute(job), Duration.ofSeconds(120));
    assertThat(ended.get("status").asString())
        .as("oscap refuses the datastream with exit 1 unless given --skip-valid: " + ended)
        .isEqualTo("complete");
    assertThat(
            api.get("/api/security-scans?serverId=" + server)
                .json()
                .get("meta")
                .get("total")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void aValidDatastreamIsReadyWithoutWarning() throws IOException {
    Path valid =
        ScanFixtures.nineResultsDatastream(Files.createDirectories(root.resolve("valid-one")));
    long id = fleet.readyPackage("valid-ds", valid);
    JsonNode p = api.get("/api/security-packages/" + id).json().get("securityPackage");
    assertThat(p.get("statusMessage").asString()).doesNotContain("warning");
    JsonNode checklist =
        api.get("/api/security-packages/" + id + "/checklists").json().get("checklists").get(0);
    assertThat(checklist.get("validationProblem").isNull()).isTrue();
  }

  private JsonNode awaitStatus(long id, String status) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/security-packages/" + id).json().get("securityPackage"),
            p -> {
              String now = p.get("status").asString();
              if (!now.equals(status) && (now.equals("ready") || now.equals("failed"))) {
                throw new AssertionError("package is " + now + ", not " + status + ": " + p);
              }
              return now.equals(status);
            });
  }
}
