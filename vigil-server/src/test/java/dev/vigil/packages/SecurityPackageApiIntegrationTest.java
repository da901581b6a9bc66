package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
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
 * The Morpheus-shaped security package API: envelopes, list conventions, the type look-up the CLI
 * does by code, and a 4xx with a message for every kind of bad input, writing nothing.
 */
@VigilSystemTestWithoutScheduler
class SecurityPackageApiIntegrationTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ApiClient api;

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    jdbc.sql("delete from security_packages").update();
  }

  @Test
  void typeLookupByCodeAsTheCliDoesFindsTheScapType() {
    JsonNode byCode = api.get("/api/security-package-types?name=scap-package").json();
    assertThat(byCode.get("securityPackageTypes")).hasSize(1);
    assertThat(byCode.get("securityPackageTypes").get(0).get("optionTypes").isArray()).isTrue();
    assertThat(byCode.get("meta").get("total").asInt()).isEqualTo(1);
    assertThat(
            api.get("/api/security-package-types?name=SCAP%20Package")
                .json()
                .get("securityPackageTypes"))
        .hasSize(1);
    assertThat(api.get("/api/security-package-types?name=other").json().get("securityPackageTypes"))
        .isEmpty();
    assertThat(
            api.get("/api/security-package-types/1")
                .json()
                .get("securityPackageType")
                .get("code")
                .asString())
        .isEqualTo("scap-package");
    assertThat(api.get("/api/security-package-types/2").status()).isEqualTo(404);
  }

  @Test
  void createReturnsTheRecordInMorpheusShapeAndGetFindsIt() {
    Response r =
        create(
            "{\"securityPackage\":{\"name\":\"cis-rhel8\",\"type\":\"scap-package\","
                + "\"description\":\"CIS benchmark\",\"url\":\"https://example.invalid/scap.zip\","
                + "\"labels\":[\"os:rhel\",\"tier:web\"],\"enabled\":true,\"unknownKey\":\"ignored\"}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    JsonNode p = r.json().get("securityPackage");
    assertThat(p.get("type").get("name").asString()).isEqualTo("SCAP Package");
    assertThat(p.get("labels").toString()).isEqualTo("[\"os:rhel\",\"tier:web\"]");
    assertThat(p.get("uuid").asString()).hasSize(36);
    assertThat(p.get("dateCreated").asString()).endsWith("Z");
    JsonNode got = api.get("/api/security-packages/" + p.get("id").asLong()).json();
    assertThat(got.get("securityPackage").get("name").asString()).isEqualTo("cis-rhel8");
    assertThat(got.get("securityPackage").get("createdBy").asString()).isEqualTo("admin");
  }

  @Test
  void listSupportsExactNamePhraseLabelsMaxAllAndBareKeys() {
    for (String n : List.of("alpha", "alphabet", "beta")) {
      create(
          "{\"securityPackage\":{\"name\":\""
              + n
              + "\",\"url\":\"https://e.invalid/"
              + n
              + "\",\"labels\":[\"l-"
              + n
              + "\",\"common\"]}}");
    }
    assertThat(names("/api/security-packages?name=alpha")).containsExactly("alpha");
    assertThat(names("/api/security-packages?phrase=alpha")).containsExactly("alpha", "alphabet");
    assertThat(names("/api/security-packages?labels=l-beta&labels=l-alpha"))
        .containsExactly("alpha", "beta");
    assertThat(names("/api/security-packages?allLabels=l-beta&allLabels=common"))
        .containsExactly("beta");
    assertThat(names("/api/security-packages?max=-1&name&phrase&foo=bar"))
        .containsExactly("alpha", "alphabet", "beta");
    JsonNode page =
        api.get("/api/security-packages?max=1&offset=1&sort=name&direction=desc").json();
    assertThat(page.get("securityPackages").get(0).get("name").asString()).isEqualTo("alphabet");
    assertThat(page.get("meta").get("total").asInt()).isEqualTo(3);
    assertThat(page.get("meta").get("size").asInt()).isEqualTo(1);
  }

  @Test
  void updateChangesOnlyWhatIsSentAndDeleteRemoves() {
    long id =
        create(
                "{\"securityPackage\":{\"name\":\"u\",\"url\":\"https://e.invalid/u\","
                    + "\"description\":\"old\"}}")
            .json()
            .get("securityPackage")
            .get("id")
            .asLong();
    Response r =
        api.put(
            "/api/security-packages/" + id,
            "{\"securityPackage\":{\"description\":\"new\",\"enabled\":false}}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode p = r.json().get("securityPackage");
    assertThat(p.get("description").asString()).isEqualTo("new");
    assertThat(p.get("enabled").asBoolean()).isFalse();
    assertThat(p.get("url").asString()).isEqualTo("https://e.invalid/u");
    assertThat(api.delete("/api/security-packages/" + id).json().get("success").asBoolean())
        .isTrue();
    assertThat(api.get("/api/security-packages/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/api/security-packages/" + id).status()).isEqualTo(404);
  }

  @Test
  void badInputGets400WithFieldErrorsAndWritesNothing() {
    create("{\"securityPackage\":{\"name\":\"taken\",\"url\":\"https://e.invalid/t\"}}");
    List<String[]> cases = new ArrayList<>();
    cases.add(
        new String[] {
          "{\"securityPackage\":{\"url\":\"https://e.invalid/x\"}}", "name", "is required"
        });
    cases.add(new String[] {"{\"securityPackage\":{\"name\":\"x\"}}", "url", "is required"});
    cases.add(
        new String[] {
          "{\"securityPackage\":{\"name\":\"taken\",\"url\":\"https://e.invalid/x\"}}",
          "name",
          "must be unique"
        });
    cases.add(
        new String[] {
          "{\"securityPackage\":{\"name\":\"x\",\"url\":\"ftp://e.invalid/x\"}}",
          "url",
          "http, https or file"
        });
    cases.add(
        new String[] {"{\"securityPackage\":{\"name\":\"x\",\"url\":\"https://\"}}", "url", ""});
    cases.add(
        new String[] {
          "{\"securityPackage\":{\"name\":\"x\",\"url\":\"https://e.invalid/x\",\"expectedSha256\":\"abc\"}}",
          "expectedSha256",
          "64 hexadecimal"
        });
    cases.add(
        new String[] {
          "{\"securityPackage\":{\"name\":\"x\",\"url\":\"https://e.invalid/x\",\"labels\":{\"a\":1}}}",
          "labels",
          "list of strings"
        });
    cases.add(
        new String[] {
          "{\"securityPackage\":{\"name\":\"x\",\"url\":\"https://e.invalid/x\",\"enabled\":\"maybe\"}}",
          "enabled",
          "true or false"
        });
    cases.add(
        new String[] {
          "{\"securityPackage\":{\"name\":\"x\",\"url\":\"https://e.invalid/x\",\"type\":\"other\"}}",
          "type",
          "scap-package"
        });
    for (String[] c : cases) {
      Response r = api.post("/api/security-packages", c[0]);
      assertThat(r.status()).as(c[0]).isEqualTo(400);
      assertThat(r.json().get("success").asBoolean()).isFalse();
      assertThat(r.json().get("msg").asString()).isNotBlank();
      assertThat(r.json().get("errors").get(c[1]).asString()).as(c[0]).contains(c[2]);
    }
    for (String body : List.of("not json", "[]", "{}", "{\"securityPackage\":5}")) {
      Response r = api.post("/api/security-packages", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().get("msg").asString()).as(body).isNotBlank();
    }
    assertThat(names("/api/security-packages?max=-1")).containsExactly("taken");
    assertThat(api.get("/api/security-packages?max=abc").status()).isEqualTo(400);
    assertThat(api.get("/api/security-packages/abc").status()).isEqualTo(400);
  }

  @Test
  void refreshWhileAFetchIsQueuedIsAConflict() {
    long id =
        create("{\"securityPackage\":{\"name\":\"r\",\"url\":\"https://e.invalid/r\"}}")
            .json()
            .get("securityPackage")
            .get("id")
            .asLong();
    Response r = api.post("/api/security-packages/" + id + "/refresh", "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("msg").asString()).contains("already pending");
  }

  private Response create(String body) {
    Response r = api.post("/api/security-packages", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  private List<String> names(String path) {
    List<String> out = new ArrayList<>();
    api.get(path).json().get("securityPackages").forEach(p -> out.add(p.get("name").asString()));
    return out;
  }
}
