package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.inventory.web.InventoryApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secrets are encrypted at rest and never come back: the raw credentials table holds no password,
 * key text or passphrase, and no API response contains one.
 */
class SecretsAtRestIntegrationTest {

  private static final String PASSWORD = "Pa55-word-at-rest!";
  private static final String PASSPHRASE = "phrase-at-rest-42";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;
  private final InventoryFixture inv = new InventoryFixture();
  private final InventoryApi api = new InventoryApi(inv);

  @AfterEach
  void close() {
    inv.close();
  }

  @Test
  void theDatabaseAndTheApiNeverHoldOrShowAPlaintextSecret() {
    String key = TestKeys.generate(tmp, PASSPHRASE);
    List<String> responses = new ArrayList<>();
    responses.add(create("pw", "username-password", "\"password\":" + q(PASSWORD)));
    responses.add(
        create(
            "key",
            "username-keypair",
            "\"privateKey\":" + q(key) + ",\"passphrase\":" + q(PASSPHRASE)));
    responses.add(api.get("/api/credentials").body());
    responses.add(api.get("/api/credentials/1").body());
    responses.add(api.get("/api/credentials/2").body());
    responses.add(
        api.put("/api/credentials/1", "{\"credential\":{\"password\":" + q(PASSWORD + "2") + "}}")
            .body());
    responses.add(api.put("/api/credentials/2", "{\"credential\":{\"name\":\"key2\"}}").body());
    List<String> secrets = List.of(PASSWORD, PASSWORD + "2", PASSPHRASE, keyBody(key));
    for (String response : responses) {
      assertThat(response).contains("\"credential").doesNotContain(secrets);
    }
    assertThat(api.get("/api/credentials/2").json().get("credential").get("fingerprint").asString())
        .startsWith("SHA256:");
    assertRawTableHoldsNone(secrets);
  }

  private void assertRawTableHoldsNone(List<String> secrets) {
    List<byte[]> rows =
        inv.jdbc
            .sql("select * from credentials")
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
    InventoryApi.Response r = api.post("/api/credentials", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** The base64 body of the key file, the part that is secret. */
  private static String keyBody(String key) {
    return key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
  }

  private static String q(String s) {
    return JSON.writeValueAsString(s);
  }
}
