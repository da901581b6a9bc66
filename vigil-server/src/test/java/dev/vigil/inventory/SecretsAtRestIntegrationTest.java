package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secrets are encrypted at rest and never come back: the raw credentials table holds no password,
 * key text or passphrase, and no API response (over real HTTP, signed in as the admin) contains
 * one.
 */
@VigilSystemTestWithoutScheduler
class SecretsAtRestIntegrationTest {

  private static final String PASSWORD = "Pa55-word-at-rest!";
  private static final String PASSPHRASE = "phrase-at-rest-42";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;
  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  private ApiClient api;

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    jdbc.sql("delete from instances").update();
    jdbc.sql("delete from servers").update();
    jdbc.sql("delete from credentials").update();
  }

  @Test
  void theDatabaseAndTheApiNeverHoldOrShowAPlaintextSecret() {
    String key = TestKeys.generate(tmp, PASSPHRASE);
    List<String> responses = new ArrayList<>();
    String pw = create("pw", "username-password", "\"password\":" + q(PASSWORD));
    String kp =
        create(
            "key",
            "username-keypair",
            "\"privateKey\":" + q(key) + ",\"passphrase\":" + q(PASSPHRASE));
    responses.add(pw);
    responses.add(kp);
    String pwPath = "/api/credentials/" + id(pw);
    String keyPath = "/api/credentials/" + id(kp);
    responses.add(api.get("/api/credentials").body());
    responses.add(api.get(pwPath).body());
    responses.add(api.get(keyPath).body());
    responses.add(
        api.put(pwPath, "{\"credential\":{\"password\":" + q(PASSWORD + "2") + "}}").body());
    responses.add(api.put(keyPath, "{\"credential\":{\"name\":\"key2\"}}").body());
    List<String> secrets = List.of(PASSWORD, PASSWORD + "2", PASSPHRASE, keyBody(key));
    for (String response : responses) {
      assertThat(response).contains("\"credential").doesNotContain(secrets);
    }
    assertThat(api.get(keyPath).json().get("credential").get("fingerprint").asString())
        .startsWith("SHA256:");
    assertRawTableHoldsNone(secrets);
  }

  private void assertRawTableHoldsNone(List<String> secrets) {
    List<byte[]> rows =
        jdbc.sql("select * from credentials")
            .query(
                (rs, n) -> {
                  StringBuilder all = new StringBuilder();
                  for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    Object v = rs.getObject(c);
                    all.append(
                        v instanceof byte[] b
                            ? new String(b, StandardCharsets.ISO_8859_1)
                            : String.valueOf(v));
                  }
                  return all.toString().getBytes(StandardCharsets.ISO_8859_1);
                })
            .list();
    assertThat(rows).hasSize(2);
    for (byte[] row : rows) {
      String raw = new String(row, StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        String utf8 =
            new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(utf8);
        assertThat(raw).doesNotContain(secret.substring(0, Math.min(12, secret.length())));
      }
    }
  }

  private String create(String name, String type, String secretFields) {
    String body =
        "{\"credential\":{\"name\":"
            + q(name)
            + ",\"type\":"
            + q(type)
            + ",\"username\":\"root\","
            + secretFields
            + "}}";
    ApiClient.Response r = api.post("/api/credentials", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static long id(String response) {
    return JSON.readTree(response).get("credential").get("id").asLong();
  }

  /** The base64 body of the key file, the part that is secret. */
  private static String keyBody(String key) {
    return key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
  }

  private static String q(String s) {
    return JSON.writeValueAsString(s);
  }
}
