package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertGet;
import static dev.vigil.contract.ContractAssertions.assertList;
import static dev.vigil.contract.ContractAssertions.assertSuccess;
import static dev.vigil.contract.ContractAssertions.assertTimestamp;
import static dev.vigil.contract.ContractAssertions.assertWrite;
import static dev.vigil.contract.ContractAssertions.ids;
import static dev.vigil.contract.ContractAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractClient.Resp;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API.md §9 over the wire: servers and instances as the CLI lists and looks them up. */
class InventoryContractTest extends ContractTestBase {

  private static final String SERVERS = "/api/servers";
  private static final String INSTANCES = "/api/instances";

  @Test
  void serverListCarriesWhatHostsListNeedsIncludingStatsKeyedByIdString() {
    long id = server("ctrinv-shape");
    Resp r = admin.get(SERVERS + "?name=ctrinv-shape");
    JsonNode s = assertList(r, "servers").get(0);
    assertThat(s.get("id").asLong()).isEqualTo(id);
    assertThat(s.get("status").asString()).isEqualTo("provisioned");
    assertThat(s.get("powerState").asString()).isEqualTo("on");
    assertThat(s.get("computeServerType").get("name").asString()).isNotBlank();
    assertThat(s.get("externalIp").asString()).isEqualTo("localhost");
    JsonNode stats = r.json().get("stats").get(String.valueOf(id));
    assertThat(stats).as("stats[\"%d\"] in %s", id, r).isNotNull();
    for (String k : List.of("usedMemory", "maxMemory", "usedStorage", "maxStorage", "cpuUsage")) {
      assertThat(stats.get(k).isNumber()).as(k).isTrue();
    }
    assertThat(r.json().get("multiTenant").isBoolean()).isTrue();
    JsonNode got = assertGet(admin.get(SERVERS + "/" + id), "server");
    assertThat(got.get("name").asString()).isEqualTo("ctrinv-shape");
    assertTimestamp(got.get("dateCreated"), "dateCreated");
    assertTimestamp(got.get("lastUpdated"), "lastUpdated");
  }

  @Test
  void thePickListQueryOfJobsAddIsAccepted() {
    long id = server("ctrinv-pick");
    JsonNode all =
        assertList(admin.get(SERVERS + "?max=10000&vmHypervisor&containerHypervisor"), "servers");
    assertThat(ids(all)).contains(id);
    assertThat(admin.get(SERVERS + "?max=10000").json().get("meta").get("max").asInt())
        .isEqualTo(10000);
    assertList(admin.get(INSTANCES + "?max=10000"), "instances");
  }

  @Test
  void instanceRecordsCarryContainersAndInstanceType() {
    long s = server("ctrinv-member");
    JsonNode made =
        assertWrite(
            admin.post(
                INSTANCES,
                "{\"instance\":{\"name\":\"ctrinv-group\",\"labels\":[\"env:prod\"],"
                    + "\"servers\":[{\"id\":"
                    + s
                    + "}]}}"),
            "instance");
    long id = made.get("id").asLong();
    JsonNode i = assertList(admin.get(INSTANCES + "?name=ctrinv-group"), "instances").get(0);
    for (JsonNode r : List.of(made, i, assertGet(admin.get(INSTANCES + "/" + id), "instance"))) {
      assertThat(r.get("containers").isArray()).isTrue();
      assertThat(r.get("instanceType").get("name").asString()).isNotBlank();
      assertThat(r.get("servers").get(0).get("id").asLong()).isEqualTo(s);
      assertThat(r.get("servers").get(0).get("name").asString()).isEqualTo("ctrinv-member");
      assertTimestamp(r.get("dateCreated"), "dateCreated");
    }
    JsonNode renamed =
        assertWrite(
            admin.put(INSTANCES + "/" + id, "{\"instance\":{\"description\":\"web\"}}"),
            "instance");
    assertThat(renamed.get("name").asString()).isEqualTo("ctrinv-group");
    assertThat(renamed.get("description").asString()).isEqualTo("web");
    assertSuccess(admin.delete(INSTANCES + "/" + id));
    assertError(admin.get(INSTANCES + "/" + id), 404);
  }

  @Test
  void serverUpdateAndDeleteAnswerTheEnvelope() {
    long id = server("ctrinv-crud");
    JsonNode updated =
        assertWrite(
            admin.put(SERVERS + "/" + id, "{\"server\":{\"description\":\"changed\"}}"), "server");
    assertThat(updated.get("description").asString()).isEqualTo("changed");
    assertThat(updated.get("name").asString()).isEqualTo("ctrinv-crud");
    assertSuccess(admin.delete(SERVERS + "/" + id));
    assertError(admin.get(SERVERS + "/" + id), 404);
  }

  @Test
  void serverListFollowsTheStandardParameters() {
    List<String> names =
        List.of("ctrsv-alpha", "ctrsv-bravo", "ctrsv-charlie", "ctrsv-delta", "ctrsv-echo");
    names.forEach(this::server);
    new ListConventions(admin, SERVERS, "servers", "ctrsv", names).checkAll();
  }

  @Test
  void instanceListFollowsTheStandardParameters() {
    List<String> names =
        List.of("ctriv-alpha", "ctriv-bravo", "ctriv-charlie", "ctriv-delta", "ctriv-echo");
    for (String n : names) {
      if (admin.get(INSTANCES + "?name=" + n).json().get("instances").isEmpty()) {
        assertWrite(admin.post(INSTANCES, "{\"instance\":{\"name\":\"" + n + "\"}}"), "instance");
      }
    }
    new ListConventions(admin, INSTANCES, "instances", "ctriv", names).checkAll();
  }

  @Test
  void badInputIsA400WithFieldErrorsAndNothingIsSaved() {
    assertError(
        admin.post(
            SERVERS,
            "{\"server\":{\"name\":\"ctrivbad-a\",\"connectionType\":\"telnet\","
                + "\"sshHost\":\"localhost\",\"privilegeMode\":\"root\"}}"),
        400,
        "connectionType");
    assertError(
        admin.post(
            SERVERS,
            "{\"server\":{\"name\":\"ctrivbad-b\",\"connectionType\":\"ssh\","
                + "\"sshHost\":\"localhost\",\"sshPort\":70000,\"privilegeMode\":\"root\"}}"),
        400,
        "sshPort");
    assertError(
        admin.post(
            SERVERS,
            "{\"server\":{\"name\":\"ctrivbad-c\",\"connectionType\":\"local\","
                + "\"sshHost\":\"localhost\",\"privilegeMode\":\"god\"}}"),
        400,
        "privilegeMode");
    assertError(admin.post(SERVERS, "{\"name\":\"ctrivbad-d\"}"), 400, "server");
    assertError(
        admin.post(
            INSTANCES, "{\"instance\":{\"name\":\"ctrivbad-e\",\"servers\":[{\"id\":999999}]}}"),
        400,
        "servers");
    assertError(admin.post(INSTANCES, "{\"instance\":{}}"), 400, "name");
    server("ctrivbad-taken");
    JsonNode dup =
        assertError(
            admin.post(
                SERVERS,
                "{\"server\":{\"name\":\"ctrivbad-taken\",\"connectionType\":\"local\","
                    + "\"sshHost\":\"localhost\",\"privilegeMode\":\"root\"}}"),
            400,
            "name");
    assertThat(dup.get("errors").get("name").asString()).isEqualTo("must be unique");
    assertThat(names(assertList(admin.get(SERVERS + "?phrase=ctrivbad"), "servers")))
        .as("nothing half-written")
        .containsExactly("ctrivbad-taken");
    assertThat(assertList(admin.get(INSTANCES + "?phrase=ctrivbad"), "instances")).isEmpty();
  }

  @Test
  void unknownIdsAre404AndOtherRolesAre403() {
    assertError(admin.get(SERVERS + "/999999"), 404);
    assertError(admin.put(SERVERS + "/999999", "{\"server\":{\"description\":\"x\"}}"), 404);
    assertError(admin.delete(SERVERS + "/999999"), 404);
    assertError(admin.get(INSTANCES + "/999999"), 404);
    assertError(admin.delete(INSTANCES + "/999999"), 404);
    ContractClient noInfra = noInfrastructure();
    assertError(noInfra.get(SERVERS), 403);
    assertError(noInfra.get(SERVERS + "/1"), 403);
    assertError(noInfra.get(INSTANCES), 403);
    assertError(noInfra.delete(SERVERS + "/1"), 403);
    assertError(
        noScanning().post(INSTANCES, "{\"instance\":{\"name\":\"ctr-403\"}}"),
        403); // infrastructure read only: writes are refused
    assertThat(assertList(noScanning().get(SERVERS), "servers")).isNotNull();
    assertError(anonymous().get(SERVERS), 401, "unauthorized");
    assertError(anonymous().get(INSTANCES), 401, "unauthorized");
  }

  private long server(String name) {
    Resp found = admin.get(SERVERS + "?name=" + name);
    if (!found.json().get("servers").isEmpty()) {
      return found.json().get("servers").get(0).get("id").asLong();
    }
    return ContractClient.id(
        admin.post(
            SERVERS,
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                + "\"privilegeMode\":\"root\"}}"),
        "server");
  }
}
