package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertGet;
import static dev.vigil.contract.ContractAssertions.assertList;
import static dev.vigil.contract.ContractAssertions.assertSuccess;
import static dev.vigil.contract.ContractAssertions.assertTimestamp;
import static dev.vigil.contract.ContractAssertions.assertWrite;
import static dev.vigil.contract.ContractAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractClient.Resp;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API.md §7 over the wire: execute schedules and their server and instance members. */
class ScheduleContractTest extends ContractTestBase {

  private static final String SCHEDULES = "/api/execute-schedules";

  @Test
  void createsTheCliBodyThenGetsUpdatesAndDeletes() {
    JsonNode made =
        assertWrite(
            admin.post(
                SCHEDULES,
                "{\"schedule\": {\"scheduleType\": \"execute\", \"description\": \"2am\","
                    + " \"cron\": \"0 2 * * *\", \"scheduleTimezone\": \"America/New_York\","
                    + " \"enabled\": true, \"name\": \"ctrsch-nightly\"}}"),
            "schedule");
    long id = made.get("id").asLong();
    Resp got = admin.get(SCHEDULES + "/" + id);
    JsonNode s = assertGet(got, "schedule");
    for (JsonNode r : List.of(made, s)) {
      assertThat(r.get("name").asString()).isEqualTo("ctrsch-nightly");
      assertThat(r.get("description").asString()).isEqualTo("2am");
      assertThat(r.get("visibility").asString()).isEqualTo("private");
      assertThat(r.get("enabled").asBoolean()).isTrue();
      assertThat(r.get("scheduleType").asString()).isEqualTo("execute");
      assertThat(r.get("scheduleTimezone").asString()).isEqualTo("America/New_York");
      assertThat(r.get("cron").asString()).isEqualTo("0 2 * * *");
      assertTimestamp(r.get("dateCreated"), "dateCreated");
      assertTimestamp(r.get("lastUpdated"), "lastUpdated");
      assertThat(r.get("nextFires")).hasSize(5);
      r.get("nextFires").forEach(t -> assertTimestamp(t, "nextFires"));
    }
    assertThat(got.json().get("servers").isArray()).isTrue();
    assertThat(got.json().get("instances").isArray()).isTrue();
    JsonNode updated =
        assertWrite(
            admin.put(SCHEDULES + "/" + id, "{\"schedule\":{\"enabled\":false}}"), "schedule");
    assertThat(updated.get("enabled").asBoolean()).isFalse();
    assertThat(updated.get("cron").asString()).as("untouched").isEqualTo("0 2 * * *");
    assertSuccess(admin.delete(SCHEDULES + "/" + id));
    assertError(admin.get(SCHEDULES + "/" + id), 404);
  }

  @Test
  void defaultsAreUtcAndMidnight() {
    JsonNode made =
        assertWrite(
            admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"ctrsch-defaults\"}}"), "schedule");
    assertThat(made.get("scheduleTimezone").asString()).isEqualTo("UTC");
    assertThat(made.get("cron").asString()).isEqualTo("0 0 * * *");
    assertThat(made.get("scheduleType").asString()).isEqualTo("execute");
    assertThat(made.get("nextFires").get(0).asString()).endsWith("T00:00:00Z");
    assertSuccess(admin.delete(SCHEDULES + "/" + made.get("id").asLong()));
  }

  @Test
  void membersAreAddedAndRemovedAndListedWithIdAndName() {
    long id =
        ContractClient.id(
            admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"ctrsch-members\"}}"), "schedule");
    long server = server("ctrsch-srv");
    long instance =
        ContractClient.id(
            admin.post(
                "/api/instances",
                "{\"instance\":{\"name\":\"ctrsch-inst\",\"servers\":[{\"id\":" + server + "}]}}"),
            "instance");
    assertSuccess(
        admin.put(SCHEDULES + "/" + id + "/add-servers", "{\"servers\":[" + server + "]}"));
    assertSuccess(
        admin.put(SCHEDULES + "/" + id + "/add-instances", "{\"instances\":[" + instance + "]}"));
    JsonNode got = admin.get(SCHEDULES + "/" + id).json();
    assertThat(got.get("servers")).hasSize(1);
    assertThat(got.get("servers").get(0).get("id").asLong()).isEqualTo(server);
    assertThat(got.get("servers").get(0).get("name").asString()).isEqualTo("ctrsch-srv");
    assertThat(got.get("instances").get(0).get("id").asLong()).isEqualTo(instance);
    assertThat(got.get("instances").get(0).get("name").asString()).isEqualTo("ctrsch-inst");
    assertSuccess(
        admin.put(SCHEDULES + "/" + id + "/remove-servers", "{\"servers\":[" + server + "]}"));
    assertSuccess(
        admin.put(
            SCHEDULES + "/" + id + "/remove-instances", "{\"instances\":[" + instance + "]}"));
    got = admin.get(SCHEDULES + "/" + id).json();
    assertThat(got.get("servers")).isEmpty();
    assertThat(got.get("instances")).isEmpty();
    assertError(
        admin.put(SCHEDULES + "/" + id + "/add-servers", "{\"servers\":\"x\"}"), 400, "servers");
    assertError(
        admin.put(SCHEDULES + "/" + id + "/add-instances", "{\"instances\":[\"a\"]}"),
        400,
        "instances");
    assertError(admin.put(SCHEDULES + "/999999/add-servers", "{\"servers\":[1]}"), 404);
    assertError(
        noScanning().put(SCHEDULES + "/" + id + "/add-servers", "{\"servers\":[" + server + "]}"),
        403);
  }

  @Test
  void listFollowsTheStandardParameters() {
    List<String> names =
        List.of("ctrsl-alpha", "ctrsl-bravo", "ctrsl-charlie", "ctrsl-delta", "ctrsl-echo");
    for (String n : names) {
      if (admin.get(SCHEDULES + "?name=" + n).json().get("schedules").isEmpty()) {
        assertWrite(admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"" + n + "\"}}"), "schedule");
      }
    }
    new ListConventions(admin, SCHEDULES, "schedules", "ctrsl", names).checkAll();
  }

  @Test
  void badInputIsA400WithFieldErrorsAndNothingIsSaved() {
    assertError(admin.post(SCHEDULES, "{\"schedule\":{}}"), 400, "name");
    assertError(
        admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"ctrsbad-a\",\"cron\":\"every day\"}}"),
        400,
        "cron");
    assertError(
        admin.post(
            SCHEDULES,
            "{\"schedule\":{\"name\":\"ctrsbad-b\",\"scheduleTimezone\":\"Mars/Base\"}}"),
        400,
        "scheduleTimezone");
    assertError(
        admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"ctrsbad-c\",\"scheduleType\":\"power\"}}"),
        400,
        "scheduleType");
    assertError(
        admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"ctrsbad-d\",\"enabled\":\"perhaps\"}}"),
        400,
        "enabled");
    assertError(admin.post(SCHEDULES, "{\"name\":\"ctrsbad-e\"}"), 400, "schedule");
    assertWrite(admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"ctrsbad-taken\"}}"), "schedule");
    JsonNode dup =
        assertError(
            admin.post(SCHEDULES, "{\"schedule\":{\"name\":\"ctrsbad-taken\"}}"), 400, "name");
    assertThat(dup.get("errors").get("name").asString()).isEqualTo("must be unique");
    assertThat(names(assertList(admin.get(SCHEDULES + "?phrase=ctrsbad"), "schedules")))
        .as("nothing half-written")
        .containsExactly("ctrsbad-taken");
  }

  @Test
  void unknownIdsAre404AndOtherRolesAre403() {
    assertError(admin.get(SCHEDULES + "/999999"), 404);
    assertError(admin.put(SCHEDULES + "/999999", "{\"schedule\":{\"name\":\"x\"}}"), 404);
    assertError(admin.delete(SCHEDULES + "/999999"), 404);
    assertError(noScanning().get(SCHEDULES), 403);
    assertError(noScanning().get(SCHEDULES + "/1"), 403);
    assertError(noScanning().post(SCHEDULES, "{\"schedule\":{\"name\":\"ctr-403\"}}"), 403);
    assertError(noScanning().delete(SCHEDULES + "/1"), 403);
    assertError(anonymous().get(SCHEDULES), 401, "unauthorized");
    assertThat(assertList(admin.get(SCHEDULES + "?name=ctr-403"), "schedules")).isEmpty();
  }

  private long server(String name) {
    Resp found = admin.get("/api/servers?name=" + name);
    if (!found.json().get("servers").isEmpty()) {
      return found.json().get("servers").get(0).get("id").asLong();
    }
    return ContractClient.id(
        admin.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                + "\"privilegeMode\":\"root\"}}"),
        "server");
  }
}
