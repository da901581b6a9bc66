package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractClient.Resp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API.md §2 over the wire: the token endpoint, Bearer authentication and the open probes. */
class AuthContractTest extends ContractTestBase {

  @Test
  void passwordGrantTakesTheUsernameFromTheQueryAsTheCliSendsIt() {
    Resp r = anonymous().passwordGrantCli("admin", ADMIN_PASSWORD, "morph-cli");
    assertTokenPair(r);
    Resp whoami = anonymous().bearer(r.json().get("access_token").asString()).get("/api/whoami");
    assertThat(whoami.status()).as(whoami.toString()).isEqualTo(200);
    assertThat(whoami.json().get("user").get("username").asString()).isEqualTo("admin");
  }

  @Test
  void passwordGrantTakesEverythingFromTheFormBodyAsTheDocsShow() {
    assertTokenPair(anonymous().passwordGrantForm("admin", ADMIN_PASSWORD, "morph-api"));
    Resp mixed =
        anonymous()
            .form(
                "/oauth/token?grant_type=password&client_id=morph-api",
                "username=admin&password=" + ADMIN_PASSWORD);
    assertTokenPair(mixed);
  }

  @Test
  void badCredentialsAreA400WithTheOAuthErrorTheCliPrints() {
    for (Resp r :
        new Resp[] {
          anonymous().passwordGrantCli("admin", "wrong-password", "morph-cli"),
          anonymous().passwordGrantForm("admin", "wrong-password", "morph-api"),
          anonymous().passwordGrantCli("nobody-here", ADMIN_PASSWORD, "morph-cli")
        }) {
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/json");
      assertThat(r.json().get("error").asString()).isEqualTo("invalid_grant");
      assertThat(r.json().get("error_description").asString()).isEqualTo("Bad credentials");
    }
    Resp noPassword =
        anonymous().form("/oauth/token?grant_type=password&client_id=morph-cli&username=admin", "");
    assertThat(noPassword.status()).isEqualTo(400);
    assertThat(noPassword.json().get("error").asString()).isEqualTo("invalid_grant");
    Resp client = anonymous().passwordGrantCli("admin", ADMIN_PASSWORD, "not-a-client");
    assertThat(client.status()).isEqualTo(400);
    assertThat(client.json().get("error").asString()).isEqualTo("invalid_client");
    assertThat(client.json().get("error_description").asString()).contains("not-a-client");
    Resp json =
        anonymous()
            .send(
                "POST",
                "/oauth/token",
                "application/json",
                "{\"grant_type\":\"password\",\"client_id\":\"morph-cli\","
                    + "\"username\":\"admin\",\"password\":\""
                    + ADMIN_PASSWORD
                    + "\"}");
    assertThat(json.status()).as("form-encoded only: %s", json).isEqualTo(400);
    assertThat(json.json().get("error").asString()).isNotBlank();
    assertThat(json.json().has("access_token")).isFalse();
    Resp grant =
        anonymous().form("/oauth/token?grant_type=client_credentials&client_id=morph-cli", "");
    assertThat(grant.status()).isEqualTo(400);
    assertThat(grant.json().get("error").asString()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void refreshGrantIssuesANewPairAndRetiresTheOldAccessToken() {
    JsonNode first = anonymous().passwordGrantCli("admin", ADMIN_PASSWORD, "morph-cli").json();
    String oldAccess = first.get("access_token").asString();
    Resp refreshed = anonymous().refreshGrant(first.get("refresh_token").asString(), "morph-cli");
    assertTokenPair(refreshed);
    String newAccess = refreshed.json().get("access_token").asString();
    assertThat(newAccess).isNotEqualTo(oldAccess);
    assertThat(anonymous().bearer(newAccess).get("/api/whoami").status()).isEqualTo(200);
    JsonNode old = assertError(anonymous().bearer(oldAccess).get("/api/whoami"), 401);
    assertThat(old.get("error").asString()).isEqualTo("invalid_token");
    Resp reused = anonymous().refreshGrant(first.get("refresh_token").asString(), "morph-cli");
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
    Resp missing =
        anonymous().form("/oauth/token?grant_type=refresh_token&client_id=morph-cli", "");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error_description").asString()).isNotBlank();
  }

  @Test
  void withoutAHeaderTheApiAnswers401Unauthorized() {
    for (String path :
        new String[] {"/api/whoami", "/api/jobs", "/api/security-packages", "/api/servers/1"}) {
      JsonNode body = assertError(anonymous().get(path), 401, "unauthorized");
      assertThat(body.has("success")).isFalse();
    }
    assertError(anonymous().delete("/api/jobs/1"), 401, "unauthorized");
    assertError(anonymous().post("/api/jobs", "{\"job\":{}}"), 401, "unauthorized");
  }

  @Test
  void aBadTokenIsA401InvalidTokenThatSaysWhy() {
    JsonNode body =
        assertError(anonymous().bearer("not-a-real-token").get("/api/jobs"), 401, "invalid_token");
    assertThat(body.get("error_description").asString()).startsWith("Invalid access token: ");
    assertError(anonymous().authorization("Bearer ").get("/api/jobs"), 401);
    assertError(anonymous().authorization("Basic YWRtaW46eA==").get("/api/jobs"), 401);
  }

  @Test
  void theBearerSchemeMatchesInAnyCase() {
    String token =
        anonymous()
            .passwordGrantCli("admin", ADMIN_PASSWORD, "morph-cli")
            .json()
            .get("access_token")
            .asString();
    for (String scheme : new String[] {"Bearer", "BEARER", "bearer", "bEaReR"}) {
      Resp r = anonymous().authorization(scheme + " " + token).get("/api/whoami");
      assertThat(r.status()).as(scheme + ": " + r).isEqualTo(200);
      assertThat(r.json().get("user").get("username").asString()).isEqualTo("admin");
    }
  }

  @Test
  void pingAndSetupCheckAreOpenAndAnswerWhatTheCliReads() {
    for (String path : new String[] {"/api/ping", "/api/setup/check"}) {
      Resp r = anonymous().get(path);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.contentType()).startsWith("application/json");
      assertThat(r.json().get("success").asBoolean()).isTrue();
      assertThat(r.json().get("buildVersion").asString()).isNotBlank();
      assertThat(r.json().get("setupNeeded").isBoolean()).isTrue();
      assertThat(r.json().get("setupNeeded").asBoolean()).isFalse();
      assertThat(r.json().get("applianceUrl").asString()).isEqualTo("http://127.0.0.1:" + port);
    }
  }

  @Test
  void whoamiNamesTheCaller() {
    Resp r = admin.get("/api/whoami");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().get("user").get("username").asString()).isEqualTo("admin");
    assertThat(r.json().get("user").get("id").isNumber()).isTrue();
    Resp other = noScanning().get("/api/whoami");
    assertThat(other.json().get("user").get("username").asString()).isEqualTo(NO_SCANNING_USER);
  }

  private static void assertTokenPair(Resp r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode b = r.json();
    assertThat(b.get("access_token").asString()).isNotBlank();
    assertThat(b.get("refresh_token").asString()).isNotBlank();
    assertThat(b.get("token_type").asString()).isEqualToIgnoringCase("bearer");
    assertThat(b.get("expires_in").isNumber()).isTrue();
    assertThat(b.get("expires_in").asLong()).isPositive();
    assertThat(b.get("scope").asString()).isEqualTo("write");
  }
}
