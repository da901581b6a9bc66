package dev.vigil.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.inventory.InventoryFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Morpheus-shaped inventory API: envelopes, list conventions, and 400/404/409 bodies. */
class InventoryApiIntegrationTest {

  private final InventoryFixture inv = new InventoryFixture();
  private final InventoryApi api = new InventoryApi(inv);

  @AfterEach
  void close() {
    inv.close();
  }

  @Test
  void serverListHasStatsPerServerAndTheFieldsTheCliReads() {
    long cred = credential("pw");
    InventoryApi.Response r =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\"web-1\",\"sshHost\":\"10.0.0.5\",\"sshPort\":2222,"
                + "\"credential\":{\"id\":"
                + cred
                + "},\"privilegeMode\":\"sudo\",\"labels\":[\"env:prod\"],\"x\":1}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    long id = r.json().get("server").get("id").asLong();
    JsonNode list = api.get("/api/servers?name=web-1&max=-1&phrase&unknown=1").json();
    JsonNode s = list.get("servers").get(0);
    assertThat(list.get("meta").get("total").asInt()).isEqualTo(1);
    assertThat(list.get("meta").get("max").asInt()).isEqualTo(-1);
    assertThat(s.get("credential").get("name").asString()).isEqualTo("pw");
    assertThat(s.get("status").asString()).isEqualTo("provisioned");
    assertThat(s.get("powerState").asString()).isEqualTo("on");
    assertThat(s.get("computeServerType").get("name").asString()).isEqualTo("Linux");
    assertThat(s.get("externalIp").asString()).isEqualTo("10.0.0.5");
    assertThat(s.get("stats").get("maxMemory").asLong()).isZero();
    assertThat(list.get("stats").get(Long.toString(id)).get("usedStorage").asLong()).isZero();
    assertThat(api.get("/api/servers?name=web").json().get("servers")).isEmpty();
    assertThat(api.get("/api/servers/" + id).json().get("server").get("sshPort").asInt())
        .isEqualTo(2222);
  }

  @Test
  void badServerInputIs400WithEveryFieldAndMissingIdsAre404() {
    InventoryApi.Response r =
        api.post(
            "/api/servers",
            "{\"server\":{\"sshHost\":\"bad host\",\"sshPort\":70000,"
                + "\"credential\":{\"id\":77},\"connectionType\":\"telnet\"}}");
    assertThat(r.status()).isEqualTo(400);
    JsonNode e = r.json().get("errors");
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("msg").asString()).isEqualTo("Unable to save server");
    assertThat(e.propertyNames())
        .contains("name", "sshHost", "sshPort", "credential", "connectionType");
    assertThat(api.get("/api/servers/99").status()).isEqualTo(404);
    assertThat(api.put("/api/servers/99", "{\"server\":{}}").status()).isEqualTo(404);
    assertThat(api.delete("/api/servers/99").status()).isEqualTo(404);
    assertThat(api.put("/api/servers/99/accept-host-key", "").status()).isEqualTo(404);
    assertThat(api.post("/api/servers", "{}").status()).isEqualTo(400);
  }

  @Test
  void credentialInUseCannotBeDeleted() {
    long cred = credential("pw");
    api.post(
        "/api/servers",
        "{\"server\":{\"name\":\"a\",\"sshHost\":\"h\",\"credential\":{\"id\":" + cred + "}}}");
    InventoryApi.Response r = api.delete("/api/credentials/" + cred);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("msg").asString()).contains("in use by servers a");
    assertThat(api.get("/api/credentials?name=pw").json().get("credentials")).hasSize(1);
  }

  @Test
  void credentialRecordShowsWhoChangedItAndNoSecret() {
    long id = credential("pw");
    JsonNode c = api.get("/api/credentials/" + id).json().get("credential");
    assertThat(c.get("type").asString()).isEqualTo("username-password");
    assertThat(c.get("updatedBy").asString()).isEqualTo("tester");
    assertThat(c.has("lastUpdated")).isTrue();
    assertThat(c.has("password")).isFalse();
    assertThat(api.delete("/api/credentials/" + id).json().get("success").asBoolean()).isTrue();
    assertThat(api.get("/api/credentials/" + id).status()).isEqualTo(404);
  }

  @Test
  void instancesCarryContainersTypeAndMembers() {
    long cred = credential("pw");
    long a =
        api.post(
                "/api/servers",
                "{\"server\":{\"name\":\"a\",\"sshHost\":\"h\",\"credential\":{\"id\":"
                    + cred
                    + "}}}")
            .json()
            .get("server")
            .get("id")
            .asLong();
    InventoryApi.Response r =
        api.post(
            "/api/instances",
            "{\"instance\":{\"name\":\"app\",\"labels\":[\"x\"],\"servers\":[{\"id\":"
                + a
                + "}]}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode i = api.get("/api/instances?name=app").json().get("instances").get(0);
    assertThat(i.get("containers").isArray()).isTrue();
    assertThat(i.get("instanceType").get("name").asString()).isEqualTo("Server group");
    assertThat(i.get("servers").get(0).get("name").asString()).isEqualTo("a");
    InventoryApi.Response bad =
        api.put(
            "/api/instances/" + i.get("id").asLong(),
            "{\"instance\":{\"servers\":[{\"id\":404}]}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").get("servers").asString()).contains("404");
    assertThat(
            api.get("/api/instances/" + i.get("id").asLong()).json().get("instance").get("servers"))
        .hasSize(1);
  }

  private long credential(String name) {
    InventoryApi.Response r =
        api.post(
            "/api/credentials",
            "{\"credential\":{\"name\":\""
                + name
                + "\",\"type\":\"username-password\",\"username\":\"ops\",\"password\":\"x\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("credential").get("id").asLong();
  }
}
