package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.VigilSystemTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The paged list pages sort on the server: {@code sort} (a column of the page's whitelist) and
 * {@code direction}, from clickable column headers that keep the other query parameters; an unknown
 * column or direction is a 400 naming the parameter.
 */
@VigilSystemTest
class SortableListPagesIntegrationTest {

  /** A list page and the column its rows are named by. */
  record Sortable(String path, String column) {}

  private static final List<Sortable> PAGES =
      List.of(
          new Sortable("/provisioning/jobs/security-packages", "name"),
          new Sortable("/infrastructure/servers", "name"),
          new Sortable("/infrastructure/instances", "name"),
          new Sortable("/infrastructure/credentials", "name"),
          new Sortable("/provisioning/automation/execute-schedules", "name"),
          new Sortable("/admin/webhooks", "name"),
          new Sortable("/provisioning/jobs/executions", "name"));

  private static boolean made;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void rows() {
    if (made) {
      return;
    }
    ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    for (String n : List.of("srtq-b", "srtq-a")) {
      ok(
          api.post(
              "/api/security-packages",
              "{\"securityPackage\":{\"name\":\""
                  + n
                  + "-pkg\",\"url\":\"http://127.0.0.1:9/x\"}}"));
      ok(
          api.post(
              "/api/servers",
              "{\"server\":{\"name\":\""
                  + n
                  + "-srv\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                  + "\"privilegeMode\":\"root\"}}"));
      ok(api.post("/api/instances", "{\"instance\":{\"name\":\"" + n + "-grp\"}}"));
      ok(
          api.post(
              "/api/credentials",
              "{\"credential\":{\"type\":\"username-password\",\"name\":\""
                  + n
                  + "-cred\",\"username\":\"ops\",\"password\":\"s3cret\"}}"));
      ok(
          api.post(
              "/api/execute-schedules",
              "{\"schedule\":{\"name\":\""
                  + n
                  + "-sched\",\"cron\":\"0 2 * * *\",\"scheduleTimezone\":\"UTC\"}}"));
      ok(
          api.post(
              "/api/webhooks",
              "{\"webhook\":{\"name\":\""
                  + n
                  + "-hook\",\"url\":\"http://127.0.0.1:9/hook\","
                  + "\"secret\":\"s3cret-for-the-sort-test-0001\","
                  + "\"events\":[\"waiver.expiring\"]}}"));
      jdbc.sql(
              "insert into job_executions (job_name, status, trigger_type, created_at,"
                  + " started_at, finished_at, total_count, done_count, failed_count)"
                  + " values (?, 'complete', 'manual', ?, ?, ?, 0, 0, 0)")
          .params(
              n + "-job",
              java.sql.Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)),
              java.sql.Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)),
              java.sql.Timestamp.from(Instant.now()))
          .update();
    }
    made = true;
  }

  private static void ok(ApiClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void ascendingAndDescendingChangeTheOrder() throws Exception {
    for (Sortable p : PAGES) {
      String asc = html(p.path() + "?phrase=srtq&sort=" + p.column() + "&direction=asc");
      assertThat(asc.indexOf("srtq-a")).as(p.path() + " asc").isPositive();
      assertThat(asc.indexOf("srtq-a")).as(p.path() + " asc").isLessThan(asc.indexOf("srtq-b"));
      String desc = html(p.path() + "?phrase=srtq&sort=" + p.column() + "&direction=desc");
      assertThat(desc.indexOf("srtq-b")).as(p.path() + " desc").isPositive();
      assertThat(desc.indexOf("srtq-b")).as(p.path() + " desc").isLessThan(desc.indexOf("srtq-a"));
      // the header of the sorted column turns the order round and keeps the search
      assertThat(asc)
          .as(p.path() + " header link")
          .contains("aria-sort=\"ascending\"")
          .contains("phrase=srtq&amp;sort=" + p.column() + "&amp;direction=desc");
      assertThat(desc).contains("aria-sort=\"descending\"");
    }
  }

  @Test
  void anUnknownColumnOrDirectionIsA400NamingTheParameter() throws Exception {
    for (Sortable p : PAGES) {
      MockHttpServletResponse bad = page(p.path() + "?sort=password");
      assertThat(bad.getStatus()).as(p.path()).isEqualTo(400);
      assertThat(bad.getContentAsString())
          .as(p.path())
          .contains("sort must be one of")
          .contains("got &#39;password&#39;");
      MockHttpServletResponse sideways = page(p.path() + "?sort=name&direction=sideways");
      assertThat(sideways.getStatus()).as(p.path()).isEqualTo(400);
      assertThat(sideways.getContentAsString()).contains("direction must be asc or desc");
    }
  }

  private String html(String path) throws Exception {
    MockHttpServletResponse r = page(path);
    assertThat(r.getStatus()).as(path).isEqualTo(200);
    return r.getContentAsString();
  }

  private MockHttpServletResponse page(String path) throws Exception {
    return mvc.perform(get(path).with(user("admin"))).andReturn().getResponse();
  }
}
