package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.testsupport.PageSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs} and its Swagger UI, for a signed-in user: the
 * document lists the REST API of API.md (packages, jobs, executions, schedules, scans, servers) and
 * nothing of the pages; anonymous callers are sent to the login page.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class OpenApiIntegrationTest {

  @Autowired MockMvc mvc;

  @Test
  void aSignedInUserReadsTheOpenApiDocumentAndItsSwaggerUi() throws Exception {
    MockHttpSession session = PageSessions.login(mvc, "admin", "admin-test-password");
    MockHttpServletResponse doc =
        mvc.perform(get("/v3/api-docs").session(session)).andReturn().getResponse();
    assertThat(doc.getStatus()).isEqualTo(200);
    JsonNode api = JsonMapper.builder().build().readTree(doc.getContentAsString());
    assertThat(api.get("openapi").asString()).startsWith("3.");
    assertThat(api.get("info").get("title").asString()).isEqualTo("Vigil REST API");
    JsonNode paths = api.get("paths");
    assertThat(paths.has("/api/security-packages")).isTrue();
    assertThat(paths.has("/api/jobs/{id}/execute")).isTrue();
    assertThat(paths.has("/api/job-executions")).isTrue();
    assertThat(paths.has("/api/execute-schedules")).isTrue();
    assertThat(paths.has("/api/security-scans/{id}")).isTrue();
    assertThat(paths.has("/api/servers")).isTrue();
    assertThat(paths.has("/api/security-waivers")).isTrue();
    assertThat(paths.has("/api/security-waivers/{id}")).isTrue();
    assertThat(paths.get("/api/security-waivers/{id}/approve").has("put")).isTrue();
    assertThat(paths.get("/api/security-waivers/{id}/reject").has("put")).isTrue();
    assertThat(paths.get("/api/security-waivers/{id}/revoke").has("put")).isTrue();
    assertThat(api.get("components").get("schemas").has("SecurityWaiver")).isTrue();
    paths
        .propertyNames()
        .forEach(
            p -> assertThat(p).as("only the REST API is documented").matches("^/(api|oauth)/.*"));

    MockHttpServletResponse ui =
        mvc.perform(get("/swagger-ui/index.html").session(session)).andReturn().getResponse();
    assertThat(ui.getStatus()).isEqualTo(200);
    assertThat(ui.getContentAsString()).contains("swagger-ui");
  }

  @Test
  void anonymousCallersAreSentToTheLoginPage() throws Exception {
    MockHttpServletResponse doc = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();
    assertThat(doc.getStatus()).isEqualTo(302);
    assertThat(doc.getRedirectedUrl()).endsWith("/login");
  }
}
