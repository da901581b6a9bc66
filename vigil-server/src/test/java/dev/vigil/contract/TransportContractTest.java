package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractClient.Resp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API.md §1 across families: JSON answers whatever goes wrong, in the Morpheus error shape. */
class TransportContractTest extends ContractTestBase {

  @Test
  void malformedJsonIsA400InTheErrorShape() {
    Resp r = admin.send("POST", "/api/jobs", "application/json", "{\"job\": {");
    assertError(r, 400);
    assertError(admin.send("PUT", "/api/execute-schedules/1", "application/json", "[1"), 400);
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWithAJsonAnswer() {
    Resp r = admin.send("POST", "/api/security-packages", "text/plain", "name=x");
    assertThat(r.status()).as(r.toString()).isEqualTo(415);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("msg").asString()).isNotBlank();
  }

  @Test
  void anUnknownApiPathIsA404InTheErrorShape() {
    assertError(admin.get("/api/no-such-endpoint"), 404);
    assertError(admin.get("/api/jobs/1/no-such-action"), 404);
    Resp page = anonymous().get("/css/no-such.css");
    assertThat(page.status()).as("outside /api the default handling stays").isEqualTo(404);
    assertThat(page.json().has("success")).as(page.toString()).isFalse();
  }

  @Test
  void aWrongMethodIsA405WithAJsonAnswer() {
    Resp r = admin.send("POST", "/api/security-package-types", "application/json", "{}");
    assertThat(r.status()).as(r.toString()).isEqualTo(405);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().get("success").asBoolean()).isFalse();
  }

  @Test
  void aNonNumericIdIsA400OrA404NeverA500() {
    Resp r = admin.get("/api/jobs/abc");
    assertThat(r.status()).as(r.toString()).isIn(400, 404);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("msg").asString()).isNotBlank();
  }

  @Test
  void everyListAnswersJsonToTheCliAcceptHeader() {
    for (String[] list :
        new String[][] {
          {"/api/security-package-types", "securityPackageTypes"},
          {"/api/security-packages", "securityPackages"},
          {"/api/jobs", "jobs"},
          {"/api/job-executions", "jobExecutions"},
          {"/api/execute-schedules", "schedules"},
          {"/api/security-scans", "securityScans"},
          {"/api/servers", "servers"},
          {"/api/instances", "instances"}
        }) {
      JsonNode items = assertList(admin.get(list[0] + "?max=1"), list[1]);
      assertThat(items.size()).isLessThanOrEqualTo(1);
      assertList(admin.get(list[0] + "?max=-1&offset=0"), list[1]);
    }
  }
}
