package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.Counts;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The small input cases: a cron that never fires, bad list parameters, a phrase with LIKE's special
 * characters and an id too large for its type are 400s (or literal matches) that name the parameter
 * in words, never in Java types, and write nothing.
 */
@VigilSystemTestWithoutScheduler
class SmallInputApiIntegrationTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ApiClient api;

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
  }

  @Test
  void aCronThatNeverFiresIsA400ThatSaysSoAndWritesNothing() {
    long before = Counts.rows(jdbc, "execute_schedules");
    Response r =
        api.post(
            "/api/execute-schedules",
            "{\"schedule\":{\"name\":\"february-30\",\"cron\":\"0 0 30 2 *\"}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get("cron").asString())
        .isEqualTo(
            "cron '0 0 30 2 *' never fires: no date matches its day-of-month, month and"
                + " day-of-week");
    assertThat(Counts.rows(jdbc, "execute_schedules")).isEqualTo(before);
    assertThat(
            api.post(
                    "/api/execute-schedules",
                    "{\"schedule\":{\"name\":\"leap-day\",\"cron\":\"0 0 29 2 *\"}}")
                .status())
        .as("February 29th fires in leap years")
        .isEqualTo(200);
  }

  @Test
  void badListParametersAre400sNamingTheParameter() {
    for (String path : List.of("/api/servers", "/api/jobs", "/api/security-scans")) {
      Response max = api.get(path + "?max=-2");
      assertThat(max.status()).as(path).isEqualTo(400);
      assertThat(max.json().get("errors").get("max").asString())
          .isEqualTo("max must be -1 (all) or a whole number from 0, got '-2'");
      Response direction = api.get(path + "?direction=sideways");
      assertThat(direction.status()).isEqualTo(400);
      assertThat(direction.json().get("errors").get("direction").asString())
          .isEqualTo("direction must be asc or desc, got 'sideways'");
      assertThat(api.get(path + "?max=-1&direction=DESC").status()).isEqualTo(200);
    }
  }

  @Test
  void anOverLongIdNamesTheParameterWithoutJavaTypes() {
    for (String path :
        List.of(
            "/api/servers/99999999999999999999",
            "/api/security-scans/99999999999999999999",
            "/api/jobs/12x")) {
      Response r = api.get(path);
      assertThat(r.status()).as(path).isEqualTo(400);
      String msg = r.json().get("msg").asString();
      assertThat(msg).as(path).startsWith("id must be a whole number from ");
      assertThat(r.body()).doesNotContain("java.lang").doesNotContain("Failed to convert");
      assertThat(r.json().get("errors").get("id").asString()).isEqualTo(msg);
    }
  }

  @Test
  void phraseMatchesUnderscorePercentAndBackslashLiterally() {
    for (String name : List.of("lit_1", "litX1", "lit%2", "litY2", "lit\\3", "lit3")) {
      Response r =
          api.post(
              "/api/execute-schedules",
              "{\"schedule\":{\"name\":" + ApiClient.quote(name) + ",\"cron\":\"0 1 * * *\"}}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(
              api.post(
                      "/api/servers",
                      "{\"server\":{\"name\":"
                          + ApiClient.quote("srv-" + name)
                          + ",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                          + "\"privilegeMode\":\"root\"}}")
                  .status())
          .isEqualTo(200);
    }
    assertThat(names("/api/execute-schedules", "schedules", "t_1")).containsExactly("lit_1");
    assertThat(names("/api/execute-schedules", "schedules", "t%2")).containsExactly("lit%2");
    assertThat(names("/api/execute-schedules", "schedules", "t\\3")).containsExactly("lit\\3");
    assertThat(names("/api/servers", "servers", "t_1")).containsExactly("srv-lit_1");
    assertThat(names("/api/servers", "servers", "t\\3")).containsExactly("srv-lit\\3");
  }

  private List<String> names(String path, String key, String phrase) {
    Response r =
        api.get(path + "?max=-1&phrase=" + URLEncoder.encode(phrase, StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().get(key).forEach(n -> out.add(n.get("name").asString()));
    return out;
  }
}
