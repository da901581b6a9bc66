package dev.vigil.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.inventory.MasterKey;
import dev.vigil.inventory.MasterKeyRotation;
import dev.vigil.inventory.SecretCipher;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The webhook API on its own (private addresses allowed, as for a receiver on this host): create,
 * read, change and delete; the secret sealed at rest and never echoed; every bad input a 400 naming
 * its field; Administration Full only.
 */
@VigilSystemTest
class WebhookApiIntegrationTest {

  static final String SECRET = "s3cret-for-the-api-test-0001";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired MasterKeyRotation rotation;
  ApiClient api;

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
  }

  private static String body(String name, String url, String secret, String events) {
    return "{\"webhook\":{\"name\":"
        + ApiClient.quote(name)
        + ",\"url\":"
        + ApiClient.quote(url)
        + ",\"secret\":"
        + ApiClient.quote(secret)
        + ",\"events\":"
        + events
        + "}}";
  }

  @Test
  void createsReadsChangesAndDeletesAWebhookNeverEchoingItsSecret() {
    ApiClient.Response created =
        api.post(
            "/api/webhooks",
            body(
                "ops-hook",
                "http://127.0.0.1:9/hook",
                SECRET,
                "[\"compliance.status_changed\",\"execution.failed\"]"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().get("success").asBoolean()).isTrue();
    JsonNode w = created.json().get("webhook");
    long id = w.get("id").asLong();
    assertThat(w.get("name").asString()).isEqualTo("ops-hook");
    assertThat(w.get("url").asString()).isEqualTo("http://127.0.0.1:9/hook");
    assertThat(w.get("enabled").asBoolean()).isTrue();
    assertThat(w.get("events").toString())
        .isEqualTo("[\"compliance.status_changed\",\"execution.failed\"]");
    assertThat(w.has("secret")).isFalse();
    assertThat(created.body()).doesNotContain(SECRET);

    byte[] sealed =
        jdbc.sql("select secret_ciphertext from webhooks where id = ?")
            .param(id)
            .query(byte[].class)
            .single();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
    assertThat(sealed.length).isGreaterThan(SECRET.length());

    ApiClient.Response one = api.get("/api/webhooks/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body()).doesNotContain(SECRET).doesNotContain("secret");
    ApiClient.Response list = api.get("/api/webhooks?phrase=ops-h");
    assertThat(list.json().get("webhooks")).hasSize(1);
    assertThat(list.json().get("meta").get("total").asLong()).isEqualTo(1);
    assertThat(list.body()).doesNotContain(SECRET);

    ApiClient.Response changed =
        api.put(
            "/api/webhooks/" + id,
            "{\"webhook\":{\"events\":[\"waiver.expiring\"],\"enabled\":false}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("webhook").get("events").toString())
        .isEqualTo("[\"waiver.expiring\"]");
    assertThat(changed.json().get("webhook").get("enabled").asBoolean()).isFalse();
    assertThat(changed.json().get("webhook").get("url").asString())
        .isEqualTo("http://127.0.0.1:9/hook");
    byte[] kept =
        jdbc.sql("select secret_ciphertext from webhooks where id = ?")
            .param(id)
            .query(byte[].class)
            .single();
    assertThat(kept).as("a PUT without a secret keeps the stored one").isEqualTo(sealed);
    ApiClient.Response newSecret =
        api.put("/api/webhooks/" + id, "{\"webhook\":{\"secret\":\"another-secret-of-20-chars\"}}");
    assertThat(newSecret.status()).isEqualTo(200);
    assertThat(newSecret.body()).doesNotContain("another-secret");

    ApiClient.Response deliveries = api.get("/api/webhooks/" + id + "/deliveries");
    assertThat(deliveries.status()).isEqualTo(200);
    assertThat(deliveries.json().get("deliveries")).isEmpty();
    assertThat(deliveries.json().get("meta").get("total").asLong()).isZero();

    assertThat(api.delete("/api/webhooks/" + id).status()).isEqualTo(200);
    assertThat(api.get("/api/webhooks/" + id).status()).isEqualTo(404);
    assertThat(api.get("/api/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
  }

  @Test
  void everyBadInputIsA400NamingItsField() {
    assertField(api.post("/api/webhooks", ""), "webhook", "is required");
    assertField(api.post("/api/webhooks", "{\"other\":{}}"), "webhook", "is required");
    assertField(api.post("/api/webhooks", "{\"webhook\":[]}"), "webhook", "must be an object");
    assertField(api.post("/api/webhooks", "{\"webhook\":{}}"), "name", "is required");
    ApiClient.Response missing = api.post("/api/webhooks", "{\"webhook\":{}}");
    assertThat(missing.json().get("errors").properties())
        .extracting(e -> e.getKey())
        .containsExactlyInAnyOrder("name", "url", "secret", "events");

    String ok = "[\"execution.failed\"]";
    assertField(
        api.post("/api/webhooks", body("a", "ftp://127.0.0.1/x", SECRET, ok)),
        "url",
        "must be an http or https URL");
    assertField(
        api.post("/api/webhooks", body("a", "not a url", SECRET, ok)), "url", "is not a valid URL");
    assertField(
        api.post("/api/webhooks", body("a", "http:///nohost", SECRET, ok)), "url", "has no host");
    assertField(
        api.post("/api/webhooks", body("a", "http://u:p@127.0.0.1/x", SECRET, ok)),
        "url",
        "must not hold a user name or password");
    assertField(
        api.post("/api/webhooks", body("a", "http://no-such-host.invalid/x", SECRET, ok)),
        "url",
        "cannot resolve host no-such-host.invalid");
    assertField(
        api.post("/api/webhooks", body("a", "http://127.0.0.1/x", "short", ok)),
        "secret",
        "must be at least 16 characters");
    assertField(
        api.post(
            "/api/webhooks",
            body("a", "http://127.0.0.1/x", SECRET, "[\"execution.failed\",\"scan.exploded\"]")),
        "events",
        "unknown event 'scan.exploded'; known events: compliance.status_changed,");
    assertField(
        api.post("/api/webhooks", body("a", "http://127.0.0.1/x", SECRET, "[]")),
        "events",
        "name at least one event");
    assertField(
        api.post("/api/webhooks", body("a", "http://127.0.0.1/x", SECRET, "\"execution.failed\"")),
        "events",
        "must be a list of event names");
    assertField(
        api.post(
            "/api/webhooks",
            "{\"webhook\":{\"name\":\"a\",\"url\":\"http://127.0.0.1/x\",\"secret\":"
                + ApiClient.quote(SECRET)
                + ",\"events\":"
                + ok
                + ",\"enabled\":\"maybe\"}}"),
        "enabled",
        "must be true or false");
    assertField(
        api.post("/api/webhooks", "{\"webhook\":{\"name\":{\"x\":1}}}"),
        "name",
        "must be a string");
    assertThat(api.get("/api/webhooks").json().get("meta").get("total").asLong())
        .as("nothing was saved")
        .isZero();

    ApiClient.Response first =
        api.post("/api/webhooks", body("dup", "http://127.0.0.1/x", SECRET, ok));
    assertThat(first.status()).isEqualTo(200);
    long id = first.json().get("webhook").get("id").asLong();
    assertField(
        api.post("/api/webhooks", body("DUP", "http://127.0.0.1/y", SECRET, ok)),
        "name",
        "must be unique");
    assertField(
        api.put("/api/webhooks/" + id, "{\"webhook\":{\"url\":\"gopher://x\"}}"),
        "url",
        "must be an http or https URL");
    assertField(
        api.put("/api/webhooks/" + id, "{\"webhook\":{\"secret\":\"\"}}"), "secret", "is required");
    assertField(
        api.put("/api/webhooks/" + id, "{\"webhook\":{\"events\":[\"nope\"]}}"),
        "events",
        "unknown event 'nope'");
    assertThat(api.put("/api/webhooks/999999", "{\"webhook\":{}}").status()).isEqualTo(404);
    assertField(
        api.get("/api/webhooks/" + id + "/deliveries?status=lost"),
        "status",
        "status must be pending, delivered or failed");
    assertField(
        api.get("/api/webhooks/" + id + "/deliveries?event=nope"),
        "event",
        "event must be one of compliance.status_changed");
    assertThat(api.delete("/api/webhooks/" + id).status()).isEqualTo(200);
  }

  @Test
  void theMasterKeyRotationReSealsWebhookSecrets() {
    ApiClient.Response created =
        api.post(
            "/api/webhooks",
            body("rotated", "http://127.0.0.1:9/r", SECRET, "[\"execution.failed\"]"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    long id = created.json().get("webhook").get("id").asLong();
    MasterKey next = MasterKey.random();
    assertThat(rotation.reencrypt(next)).isGreaterThanOrEqualTo(1);
    byte[] sealed =
        jdbc.sql("select secret_ciphertext from webhooks where id = ?")
            .param(id)
            .query(byte[].class)
            .single();
    assertThat(new String(new SecretCipher(next).decrypt(sealed), StandardCharsets.UTF_8))
        .isEqualTo(SECRET);
    assertThat(api.delete("/api/webhooks/" + id).status()).isEqualTo(200);
  }

  @Test
  void onlyAdministrationFullMayUseWebhooks() throws Exception {
    TestUsers.create(api, "hook-auditor", "hook-auditor-pw-1", "Auditor");
    ApiClient auditor = new ApiClient(port).login("hook-auditor", "hook-auditor-pw-1");
    assertThat(auditor.get("/api/webhooks").status()).isEqualTo(403);
    assertThat(
            auditor
                .post(
                    "/api/webhooks",
                    body("x", "http://127.0.0.1/x", SECRET, "[\"execution.failed\"]"))
                .status())
        .isEqualTo(403);

    String page = Pages.html(mvc, "/admin/webhooks/new", "admin");
    assertThat(page).contains("name=\"secret\"").contains("value=\"execution.failed\"");
  }

  private static void assertField(ApiClient.Response r, String field, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("errors").has(field)).as(r.body()).isTrue();
    assertThat(r.json().get("errors").get(field).asString()).as(r.body()).contains(message);
    assertThat(r.json().get("msg").asString())
        .as(r.body())
        .contains(field.equals("webhook") ? "webhook" : field);
  }
}
