package dev.vigil.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.Counts;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The execute schedule member calls: servers and instances by id, added once, removed, shown on
 * get; bad ids are a 400 on the field and write nothing; an unknown schedule is a 404.
 */
@VigilSystemTestWithoutScheduler
class ExecuteScheduleMembersApiIntegrationTest {

  private static final String BASE = "/api/execute-schedules";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ApiClient api;

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    jdbc.sql("delete from execute_schedules").update();
    TestScheduleUsage.USERS.clear();
    for (long server : new long[] {11, 12, 13, 14}) {
      jdbc.sql(
              "merge into servers (id, name, ssh_host, ssh_port, privilege_mode, connection_type,"
                  + " host_key_expected, created_at, updated_at) key (id) values (?, ?,"
                  + " 'localhost', 22, 'root', 'local', false, current_timestamp,"
                  + " current_timestamp)")
          .params(server, "member-" + server)
          .update();
    }
    for (long instance : new long[] {21, 22}) {
      jdbc.sql(
              "merge into instances (id, name, created_at, updated_at) key (id) values (?, ?,"
                  + " current_timestamp, current_timestamp)")
          .params(instance, "app-" + instance)
          .update();
    }
  }

  @Test
  void membersAreAddedOnceAndRemovedAndShownOnGet() {
    long id = id(create("{\"schedule\":{\"name\":\"members\"}}"));
    assertThat(put(id, "add-servers", "{\"servers\":[11,12,\"13\",{\"id\":14}]}")).isEqualTo(200);
    assertThat(put(id, "add-servers", "{\"servers\":[11]}")).isEqualTo(200);
    assertThat(put(id, "add-instances", "{\"instances\":[21,22]}")).isEqualTo(200);
    assertThat(put(id, "remove-servers", "{\"servers\":[12,99]}")).isEqualTo(200);
    assertThat(put(id, "remove-instances", "{\"instances\":[22]}")).isEqualTo(200);
    JsonNode got = api.get(BASE + "/" + id).json();
    assertThat(ids(got.get("servers"))).containsExactly(11L, 13L, 14L);
    assertThat(ids(got.get("instances"))).containsExactly(21L);
    assertThat(got.get("servers").get(0).has("name")).isTrue();
  }

  @Test
  void badMemberIdsGet400WithTheFieldAndWriteNothing() {
    long id = id(create("{\"schedule\":{\"name\":\"m\"}}"));
    String[][] cases = {
      {"add-servers", "{\"servers\":[11,\"web-1\"]}", "servers"},
      {"add-servers", "{\"servers\":[1.5]}", "servers"},
      {"add-servers", "{\"servers\":11}", "servers"},
      {"add-servers", "{}", "servers"},
      {"remove-servers", "{\"servers\":[true]}", "servers"},
      {"add-instances", "{\"instances\":[\"x\"]}", "instances"},
      {"remove-instances", "{\"instances\":[{\"id\":\"y\"}]}", "instances"}
    };
    for (String[] c : cases) {
      Response r = api.put(BASE + "/" + id + "/" + c[0], c[1]);
      assertThat(r.status()).as(c[1]).isEqualTo(400);
      assertThat(r.json().get("errors").get(c[2]).asString()).as(c[1]).contains("ids");
    }
    assertThat(count("execute_schedule_servers")).isZero();
    assertThat(count("execute_schedule_instances")).isZero();
    assertThat(put(999999, "add-servers", "{\"servers\":[11]}")).isEqualTo(404);
    assertThat(put(999999, "remove-instances", "{\"instances\":[1]}")).isEqualTo(404);
  }

  @Test
  void unknownMemberIdsGet400NamingThemAndTheirCountAndAddNothing() {
    long id = id(create("{\"schedule\":{\"name\":\"unknown\"}}"));
    Response r = api.put(BASE + "/" + id + "/add-servers", "{\"servers\":[11,5001,12,5002]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get("servers").asString())
        .isEqualTo("2 unknown server ids: 5001, 5002");
    StringBuilder many = new StringBuilder("{\"instances\":[21");
    for (int i = 0; i < 30; i++) {
      many.append(',').append(6000 + i);
    }
    r = api.put(BASE + "/" + id + "/add-instances", many.append("]}").toString());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get("instances").asString())
        .startsWith("30 unknown instance ids, the first 20: 6000, 6001,")
        .endsWith("6018, 6019, …")
        .doesNotContain("6020");
    assertThat(count("execute_schedule_servers")).isZero();
    assertThat(count("execute_schedule_instances")).isZero();
  }

  private Response create(String body) {
    Response r = api.post(BASE, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  private int put(long id, String action, String body) {
    return api.put(BASE + "/" + id + "/" + action, body).status();
  }

  private long count(String table) {
    return Counts.rows(jdbc, table);
  }

  private static long id(Response r) {
    return r.json().get("schedule").get("id").asLong();
  }

  private static List<Long> ids(JsonNode refs) {
    List<Long> out = new ArrayList<>();
    refs.forEach(n -> out.add(n.get("id").asLong()));
    return out;
  }
}
