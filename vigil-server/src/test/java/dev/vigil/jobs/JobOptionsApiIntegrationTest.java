package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The option calls the CLI makes while it builds a job (job types, package choices, job options
 * with the CLI's bare-key query), and read-only users: they read jobs but cannot write them.
 */
@VigilSystemTest
class JobOptionsApiIntegrationTest {

  private static boolean auditorMade;

  @LocalServerPort int port;
  ApiClient api;
  JobFixture fx;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    fx = JobFixture.of(api, port);
  }

  @Test
  void jobTypesOfferTheSecurityScanJob() {
    JsonNode r = api.get("/api/options/jobTypes").json();
    assertThat(r.get("success").asBoolean()).isTrue();
    JsonNode t = r.get("data").get(0);
    assertThat(t.get("name").asString()).isEqualTo("Security Scan Job");
    assertThat(t.get("value").asLong()).isEqualTo(14);
    assertThat(t.get("code").asString()).isEqualTo("morpheus.securityScan.jobType");
    assertThat(r.get("data")).hasSize(1);
  }

  @Test
  void securityPackageChoicesAreTheReadyOnes() {
    api.post(
        "/api/security-packages",
        "{\"securityPackage\":{\"name\":\"never-ready\",\"url\":\"https://e.invalid/x.zip\"}}");
    JsonNode data = api.get("/api/options/securityPackages").json().get("data");
    List<String> names = new ArrayList<>();
    data.forEach(d -> names.add(d.get("name").asString()));
    assertThat(names).contains(fx.packageName).doesNotContain("never-ready");
    data.forEach(
        d -> {
          if (d.get("name").asString().equals(fx.packageName)) {
            assertThat(d.get("value").asLong()).isEqualTo(fx.packageId);
          }
        });
  }

  @Test
  void jobOptionsTreatBareKeysAsAbsentAndListChecklistsAndProfilesOfAPackage() {
    JsonNode bare = api.get("/api/job-options/14?taskId&workflowId").json();
    assertThat(bare.get("targetTypes").get(0).get("name").asString()).isEqualTo("Server");
    assertThat(bare.get("targetTypes").get(1).get("value").asString()).isEqualTo("instance");
    assertThat(bare.get("schedules").get(0).get("name").asString()).isEqualTo("Manual");
    assertThat(bare.get("schedules").get(0).get("value").asString()).isEqualTo("manual");
    assertThat(bare.get("schedules").get(1).get("value").asString()).isEqualTo("dateTime");
    assertThat(bare.get("allowCustomConfig").asBoolean()).isFalse();
    assertThat(bare.has("checklists")).isFalse();
    boolean found = false;
    for (JsonNode s : bare.get("schedules")) {
      found |= s.get("value").isNumber() && s.get("value").asLong() == fx.scheduleId;
    }
    assertThat(found).isTrue();
    JsonNode full =
        api.get("/api/job-options/14?taskId&workflowId&securityPackageId=" + fx.packageId).json();
    assertThat(full.get("checklists").get(0).get("value").asString()).isEqualTo(fx.scanPath);
    assertThat(full.get("profiles").get(fx.scanPath).toString()).contains(JobFixture.STIG);
    assertThat(api.get("/api/job-options/99").status()).isEqualTo(404);
    assertThat(api.get("/api/job-options/14?securityPackageId=999999").status()).isEqualTo(404);
  }

  @Test
  void auditorReadsJobsButCannotCreateChangeOrDeleteThem() {
    if (!auditorMade) {
      TestUsers.create(api, "job-auditor", "job-auditor-pw", "Auditor");
      auditorMade = true;
    }
    long id =
        api.post("/api/jobs", fx.cliBody("audited-" + port)).json().get("job").get("id").asLong();
    ApiClient auditor = new ApiClient(port).login("job-auditor", "job-auditor-pw");
    assertThat(auditor.get("/api/jobs").status()).isEqualTo(200);
    assertThat(auditor.get("/api/jobs/" + id).status()).isEqualTo(200);
    assertThat(auditor.get("/api/job-options/14").status()).isEqualTo(200);
    assertThat(auditor.post("/api/jobs", fx.cliBody("forged")).status()).isEqualTo(403);
    assertThat(auditor.put("/api/jobs/" + id, "{\"job\":{\"name\":\"x\"}}").status())
        .isEqualTo(403);
    assertThat(auditor.delete("/api/jobs/" + id).status()).isEqualTo(403);
    assertThat(api.get("/api/jobs/" + id).json().get("job").get("name").asString())
        .startsWith("audited");
    api.delete("/api/jobs/" + id);
  }
}
