package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * {@code startDate} / {@code endDate} on {@code GET /api/job-executions} and on the Job Executions
 * page: inclusive bounds on the creation time, and a 400 naming the parameter for a malformed value
 * or a start after the end.
 */
@VigilSystemTestWithoutScheduler
class AcceptExecutionDateFilterIntegrationTest {

  private static final String BASE = "/api/job-executions";
  private static final String PAGE = "/provisioning/jobs/executions";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  ApiClient api;
  long lateOn26;
  long on27;
  long tenOn27;
  long on28;

  @BeforeEach
  void executions() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    jdbc.sql("delete from job_executions").update();
    lateOn26 = execution("d-late-26", "2026-11-26T23:59:59.999999Z");
    on27 = execution("d-start-27", "2026-11-27T00:00:00Z");
    tenOn27 = execution("d-ten-27", "2026-11-27T10:00:00Z");
    on28 = execution("d-start-28", "2026-11-28T00:00:00Z");
  }

  @Test
  void datesAndInstantsBoundTheListAndItsTotalInclusively() {
    assertThat(ids("startDate=2026-11-27&endDate=2026-11-27")).containsExactly(tenOn27, on27);
    assertThat(total("startDate=2026-11-27&endDate=2026-11-27")).isEqualTo(2);
    assertThat(ids("startDate=2026-11-27T10:00:00Z")).containsExactly(on28, tenOn27);
    assertThat(ids("endDate=2026-11-27T10:00:00Z")).containsExactly(tenOn27, on27, lateOn26);
    assertThat(ids("startDate=2026-11-27T10:00:00Z&endDate=2026-11-27T10:00:00Z"))
        .containsExactly(tenOn27);
    assertThat(ids("endDate=2026-11-26")).containsExactly(lateOn26);
    assertThat(ids("startDate&endDate=&status=complete")).hasSize(4);
    assertThat(ids("startDate=2026-11-27&max=1&offset=1")).containsExactly(tenOn27);
    assertThat(total("startDate=2026-11-27&max=1&offset=1")).isEqualTo(3);
  }

  @Test
  void malformedDatesOrAStartAfterTheEndAre400NamingTheParameter() {
    Response bad = api.get(BASE + "?startDate=yesterday&endDate=2026-11-27T10:00");
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.json().get("success").asBoolean()).isFalse();
    JsonNode errors = bad.json().get("errors");
    assertThat(errors.get("startDate").asString())
        .contains("ISO-8601", "2026-11-27", "2026-11-27T10:00:00Z", "'yesterday'");
    assertThat(errors.get("endDate").asString()).contains("ISO-8601", "'2026-11-27T10:00'");
    assertThat(bad.json().get("msg").asString()).isNotBlank();
    Response month = api.get(BASE + "?endDate=2026-13-01");
    assertThat(month.status()).isEqualTo(400);
    assertThat(month.json().get("errors").has("endDate")).isTrue();
    assertThat(month.json().get("errors").has("startDate")).isFalse();
    Response reversed = api.get(BASE + "?startDate=2026-11-28&endDate=2026-11-27");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().get("errors").get("startDate").asString())
        .isEqualTo("startDate must not be after endDate");
  }

  @Test
  void thePageFiltersWithTwoDateInputsAndExplainsABadDate() throws Exception {
    String html = Pages.html(mvc, PAGE + "?startDate=2026-11-27&endDate=2026-11-27", "admin");
    assertThat(html)
        .contains("d-start-27", "d-ten-27")
        .doesNotContain("d-late-26", "d-start-28")
        .contains("type=\"date\" id=\"startDate\" name=\"startDate\" value=\"2026-11-27\"")
        .contains("type=\"date\" id=\"endDate\" name=\"endDate\" value=\"2026-11-27\"")
        .contains("startDate=2026-11-27&amp;endDate=2026-11-27");
    assertThat(Pages.html(mvc, PAGE, "admin")).contains("d-late-26", "d-start-28");
    MockHttpServletResponse bad =
        mvc.perform(get(PAGE + "?startDate=2026-11-30&endDate=2026-11-27").with(user("admin")))
            .andReturn()
            .getResponse();
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(bad.getContentAsString())
        .contains("startDate must not be after endDate")
        .contains("No job executions yet.")
        .doesNotContain("d-ten-27");
    MockHttpServletResponse malformed =
        mvc.perform(get(PAGE + "?endDate=soon").with(user("admin"))).andReturn().getResponse();
    assertThat(malformed.getStatus()).isEqualTo(400);
    assertThat(malformed.getContentAsString()).contains("endDate must be an ISO-8601 date");
  }

  private long execution(String name, String createdAt) {
    jdbc.sql(
            "insert into job_executions (job_name, status, trigger_type, created_at, total_count,"
                + " done_count, failed_count) values (?, 'complete', 'api', ?, 1, 1, 0)")
        .params(name, Instant.parse(createdAt).atOffset(ZoneOffset.UTC))
        .update();
    return jdbc.sql("select max(id) from job_executions").query(Long.class).single();
  }

  private List<Long> ids(String query) {
    Response r = api.get(BASE + "?" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Long> out = new ArrayList<>();
    r.json().get("jobExecutions").forEach(e -> out.add(e.get("id").asLong()));
    return out;
  }

  private long total(String query) {
    return api.get(BASE + "?" + query).json().get("meta").get("total").asLong();
  }
}
