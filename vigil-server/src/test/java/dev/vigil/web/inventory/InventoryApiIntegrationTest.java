package dev.vigil.web.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Morpheus-shaped inventory API over real HTTP through the whole application (Bearer token,
 * permission checks, exception handler): envelopes, list conventions, 400/404 bodies, secrets never
 * in a response, and who may read or change the inventory.
 */
@VigilSystemTestWithoutScheduler
class InventoryApiIntegrationTest {

  private static final long MISSING = 999_999;
  private static boolean usersMade;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ApiClient api;

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    if (!usersMade) {
      TestUsers.create(api, "inv-auditor", "inv-auditor-pw-1", "Auditor");
      TestUsers.create(api, "inv-operator", "inv-operator-pw-1", "Security Operator");
      usersMade = true;
    }
    jdbc.sql("delete from instances").update();
    jdbc.sql("delete from servers").update();
    jdbc.sql("delete from credentials").update();
  }

  @Test
  void serverListHasStatsPerServerAndTheFieldsTheCliReads() {
    long cred = credential("pw", "x");
    Response r =
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
    assertThat(s.get("powerState").asString()).as("never tested").isEqualTo("unknown");
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
    Response r =
        api.post(
            "/api/servers",
            "{\"server\":{\"sshHost\":\"bad host\",\"sshPort\":70000,"
                + "\"credential\":{\"id\":"
                + MISSING
                + "},\"connectionType\":\"telnet\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode e = r.json().get("errors");
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("msg").asString()).isEqualTo("Unable to save server");
    assertThat(e.propertyNames())
        .contains("name", "sshHost", "sshPort", "credential", "connectionType");
    String missing = "/api/servers/" + MISSING;
    assertThat(api.get(missing).status()).isEqualTo(404);
    assertThat(api.get(missing).json().get("msg").asString()).isNotBlank();
    assertThat(api.put(missing, "{\"server\":{}}").status()).isEqualTo(404);
    assertThat(api.delete(missing).status()).isEqualTo(404);
    assertThat(api.put(missing + "/accept-host-key", "").status()).isEqualTo(404);
    assertThat(api.post(missing + "/test-connection", "{}").status()).isEqualTo(404);
    assertThat(api.post("/api/servers", "{}").status()).isEqualTo(400);
    assertThat(api.post("/api/servers", "not json").status()).isEqualTo(400);
    assertThat(api.get("/api/servers?max=-1").json().get("servers")).isEmpty();
  }

  @Test
  void acceptingAHostKeyWhenNoneIsPendingIsAConflict() {
    long cred = credential("pw", "x");
    long id = server("a", cred);
    Response r = api.put("/api/servers/" + id + "/accept-host-key", "");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("msg").asString()).isNotBlank();
  }

  @Test
  void testConnectionReturnsTheReportAndRecordsTheLastTest() {
    Response created =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\"self\",\"connectionType\":\"local\","
                + "\"privilegeMode\":\"root\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    long id = created.json().get("server").get("id").asLong();
    Response r = api.post("/api/servers/" + id + "/test-connection", "");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("success").asBoolean()).as(r.body()).isTrue();
    JsonNode c = r.json().get("connection");
    assertThat(c.get("reachable").asBoolean()).isTrue();
    assertThat(c.get("authenticated").asBoolean()).isTrue();
    assertThat(c.get("os").asString()).isNotBlank();
    assertThat(c.get("oscapVersion").asString()).contains("OpenSCAP");
    assertThat(c.has("hostKey")).isTrue();
    assertThat(c.has("freeBytes")).isTrue();
    assertThat(c.get("error").isNull()).isTrue();
    JsonNode list = api.get("/api/servers?name=self").json();
    assertThat(list.get("stats").get(Long.toString(id)).get("maxMemory").asLong()).isPositive();
  }

  @Test
  void credentialInUseCannotBeDeleted() {
    long cred = credential("pw", "x");
    server("a", cred);
    Response r = api.delete("/api/credentials/" + cred);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("msg").asString()).contains("in use by servers a");
    assertThat(api.get("/api/credentials?name=pw").json().get("credentials")).hasSize(1);
  }

  @Test
  void credentialRecordShowsWhoChangedItAndNoSecret() {
    Response created =
        api.post(
            "/api/credentials",
            "{\"credential\":{\"name\":\"pw\",\"type\":\"username-password\","
                + "\"username\":\"ops\",\"password\":\"api-secret-77\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.body()).doesNotContain("api-secret-77");
    long id = created.json().get("credential").get("id").asLong();
    Response got = api.get("/api/credentials/" + id);
    JsonNode c = got.json().get("credential");
    assertThat(c.get("type").get("code").asString()).isEqualTo("username-password");
    assertThat(c.get("updatedBy").asString()).isEqualTo("admin");
    assertThat(c.has("lastUpdated")).isTrue();
    assertThat(c.has("password")).isFalse();
    assertThat(got.body()).doesNotContain("api-secret-77");
    assertThat(api.get("/api/credentials").body()).doesNotContain("api-secret-77");
    Response updated =
        api.put(
            "/api/credentials/" + id,
            "{\"credential\":{\"name\":\"pw\",\"type\":\"username-password\","
                + "\"username\":\"ops\",\"password\":\"api-secret-88\"}}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.body()).doesNotContain("api-secret-88");
    long server = server("uses-pw", id);
    assertThat(api.get("/api/servers/" + server).body()).doesNotContain("api-secret-88");
    assertThat(api.delete("/api/servers/" + server).json().get("success").asBoolean()).isTrue();
    assertThat(api.delete("/api/credentials/" + id).json().get("success").asBoolean()).isTrue();
    assertThat(api.get("/api/credentials/" + id).status()).isEqualTo(404);
  }

  @Test
  void instancesCarryContainersTypeAndMembers() {
    long a = server("a", credential("pw", "x"));
    Response r =
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
    Response bad =
        api.put(
            "/api/instances/" + i.get("id").asLong(),
            "{\"instance\":{\"servers\":[{\"id\":" + MISSING + "}]}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").get("servers").asString()).contains(Long.toString(MISSING));
    assertThat(
            api.get("/api/instances/" + i.get("id").asLong()).json().get("instance").get("servers"))
        .hasSize(1);
  }

  @Test
  void securityOperatorReadsTheInventoryButCannotChangeIt() {
    long cred = credential("pw", "operator-must-not-see");
    long server = server("web-1", cred);
    ApiClient operator = new ApiClient(port).login("inv-operator", "inv-operator-pw-1");
    Response servers = operator.get("/api/servers");
    assertThat(servers.status()).as(servers.body()).isEqualTo(200);
    assertThat(servers.json().get("servers").get(0).get("name").asString()).isEqualTo("web-1");
    Response credentials = operator.get("/api/credentials");
    assertThat(credentials.status()).isEqualTo(200);
    assertThat(credentials.json().get("credentials").get(0).get("name").asString()).isEqualTo("pw");
    assertThat(credentials.body()).doesNotContain("operator-must-not-see");
    assertThat(operator.get("/api/instances").status()).isEqualTo(200);
    List<Response> writes =
        List.of(
            operator.post(
                "/api/servers",
                "{\"server\":{\"name\":\"forged\",\"sshHost\":\"h\",\"credential\":{\"id\":"
                    + cred
                    + "}}}"),
            operator.put("/api/servers/" + server, "{\"server\":{\"name\":\"renamed\"}}"),
            operator.delete("/api/servers/" + server),
            operator.post("/api/servers/" + server + "/test-connection", "{}"),
            operator.put("/api/servers/" + server + "/accept-host-key", ""),
            operator.post(
                "/api/credentials",
                "{\"credential\":{\"name\":\"forged\",\"type\":\"username-password\","
                    + "\"username\":\"u\",\"password\":\"p\"}}"),
            operator.delete("/api/credentials/" + cred),
            operator.post("/api/instances", "{\"instance\":{\"name\":\"forged\"}}"));
    for (Response w : writes) {
      assertThat(w.status()).as(w.body()).isEqualTo(403);
    }
    assertThat(names("/api/servers?max=-1", "servers")).containsExactly("web-1");
    assertThat(names("/api/credentials?max=-1", "credentials")).containsExactly("pw");
    assertThat(names("/api/instances?max=-1", "instances")).isEmpty();
  }

  @Test
  void auditorMayNotEvenReadTheInventory() {
    long cred = credential("pw", "x");
    long server = server("web-1", cred);
    ApiClient auditor = new ApiClient(port).login("inv-auditor", "inv-auditor-pw-1");
    for (String path :
        List.of(
            "/api/servers",
            "/api/servers/" + server,
            "/api/credentials",
            "/api/credentials/" + cred,
            "/api/instances")) {
      Response r = auditor.get(path);
      assertThat(r.status()).as(path).isEqualTo(403);
      assertThat(r.body()).as(path).doesNotContain("web-1");
    }
    assertThat(auditor.delete("/api/servers/" + server).status()).isEqualTo(403);
    assertThat(auditor.post("/api/instances", "{\"instance\":{\"name\":\"forged\"}}").status())
        .isEqualTo(403);
    assertThat(names("/api/servers?max=-1", "servers")).containsExactly("web-1");
  }

  @Test
  void withoutATokenTheInventoryApiIs401() {
    ApiClient anonymous = new ApiClient(port);
    assertThat(anonymous.get("/api/servers").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/credentials").status()).isEqualTo(401);
    assertThat(anonymous.post("/api/instances", "{\"instance\":{\"name\":\"x\"}}").status())
        .isEqualTo(401);
  }

  @Test
  void typedBodiesTakeWhatTheCliSendsAndNameTheFieldOfAWrongShape() {
    long cred = credential("typed", "x");
    Response r =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\"typed-1\",\"sshHost\":\"10.0.0.9\",\"sshPort\":\"2200\","
                + "\"credentialId\":\""
                + cred
                + "\",\"connectionType\":{\"code\":\"ssh\"},\"labels\":\"env:prod, tier:web\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode s = r.json().get("server");
    assertThat(s.get("sshPort").asInt()).isEqualTo(2200);
    assertThat(s.get("credential").get("id").asLong()).isEqualTo(cred);
    assertThat(s.get("labels").toString()).isEqualTo("[\"env:prod\",\"tier:web\"]");
    long id = s.get("id").asLong();
    Response cleared = api.put("/api/servers/" + id, "{\"server\":{\"credential\":null}}");
    assertThat(cleared.status())
        .as("an explicit null is given: none, refused for ssh")
        .isEqualTo(400);
    assertThat(cleared.json().get("errors").get("credential").asString())
        .isEqualTo("is required for an ssh server");
    Response kept = api.put("/api/servers/" + id, "{\"server\":{\"description\":\"d\"}}");
    assertThat(kept.json().get("server").get("credential").get("id").asLong())
        .as("an absent credential is unchanged")
        .isEqualTo(cred);

    String[][] cases = {
      {"/api/servers", "{\"server\":{\"name\":\"t\",\"credential\":\"cred-x\"}}", "credential"},
      {"/api/servers", "{\"server\":{\"name\":{\"a\":1}}}", "name"},
      {"/api/servers", "{\"server\":{\"name\":\"t\",\"labels\":{\"a\":1}}}", "labels"},
      {"/api/instances", "{\"instance\":{\"name\":\"t\",\"servers\":[\"web\"]}}", "servers"},
      {"/api/instances", "{\"instance\":{\"name\":\"t\",\"servers\":5}}", "servers"},
      {"/api/credentials", "{\"credential\":{\"name\":\"t\",\"enabled\":\"maybe\"}}", "enabled"},
      {"/api/credentials", "{\"credential\":{\"name\":\"t\",\"enabled\":\"off\"}}", "enabled"},
      {"/api/servers", "{\"instance\":{}}", "server"}
    };
    for (String[] c : cases) {
      Response bad = api.post(c[0], c[1]);
      assertThat(bad.status()).as(c[1]).isEqualTo(400);
      assertThat(bad.json().get("success").asBoolean()).isFalse();
      assertThat(bad.json().get("msg").asString()).as(c[1]).isNotBlank();
      assertThat(bad.json().get("errors").has(c[2])).as(c[1] + ": " + bad.body()).isTrue();
    }
    assertThat(api.get("/api/servers?max=-1").json().get("servers")).hasSize(1);
    assertThat(api.get("/api/instances?max=-1").json().get("instances")).isEmpty();
  }

  private long credential(String name, String password) {
    Response r =
        api.post(
            "/api/credentials",
            "{\"credential\":{\"name\":"
                + ApiClient.quote(name)
                + ",\"type\":\"username-password\",\"username\":\"ops\",\"password\":"
                + ApiClient.quote(password)
                + "}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("credential").get("id").asLong();
  }

  private long server(String name, long credential) {
    Response r =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":"
                + ApiClient.quote(name)
                + ",\"sshHost\":\"h\",\"credential\":{\"id\":"
                + credential
                + "}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("server").get("id").asLong();
  }

  private List<String> names(String path, String key) {
    List<String> out = new java.util.ArrayList<>();
    api.get(path).json().get(key).forEach(n -> out.add(n.get("name").asString()));
    return out;
  }
}
