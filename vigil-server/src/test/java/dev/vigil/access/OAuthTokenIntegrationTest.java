package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.SettableClock;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@VigilSystemTestWithClock
class OAuthTokenIntegrationTest {

  private static final String PASSWORD = VigilSystemTest.ADMIN_PASSWORD;

  @LocalServerPort int port;
  @Autowired SettableClock clock;
  @Autowired JsonMapper json;
  @Autowired Clock injected;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void realTime() {
    clock.reset(Duration.ZERO);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void passwordGrantTakesUsernameFromQueryAndPasswordFromBody() throws Exception {
    Reply r =
        post(
            "/oauth/token?grant_type=password&scope=write&client_id=morph-cli&username=admin",
            "password=" + enc(PASSWORD));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).containsEntry("token_type", "bearer").containsEntry("scope", "write");
    assertThat(r.body().get("expires_in")).isEqualTo(31535999);
    assertThat((String) r.body().get("access_token")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(whoami("Bearer " + r.body().get("access_token")).status()).isEqualTo(200);
  }

  @Test
  void passwordGrantTakesBothFromBody() throws Exception {
    Reply r =
        post(
            "/oauth/token",
            "grant_type=password&client_id=morph-api&username=admin&password=" + enc(PASSWORD));
    assertThat(r.status()).isEqualTo(200);
    Reply me = whoami("Bearer " + r.body().get("access_token"));
    assertThat(me.raw()).contains("\"username\":\"admin\"").doesNotContain("password");
  }

  @Test
  void refreshGrantIssuesNewPairAndRevokesTheOld() throws Exception {
    Map<String, Object> first = login();
    Reply r =
        post(
            "/oauth/token?grant_type=refresh_token&scope=write&client_id=morph-cli",
            "refresh_token=" + first.get("refresh_token"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("access_token")).isNotEqualTo(first.get("access_token"));
    assertThat(whoami("Bearer " + r.body().get("access_token")).status()).isEqualTo(200);
    Reply old = whoami("Bearer " + first.get("access_token"));
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.body()).containsEntry("error", "invalid_token");
    Reply again =
        post(
            "/oauth/token?grant_type=refresh_token&client_id=morph-cli",
            "refresh_token=" + first.get("refresh_token"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).containsEntry("error", "invalid_grant");
  }

  @Test
  void badCredentialsGive400InvalidGrant() throws Exception {
    Reply r =
        post(
            "/oauth/token?grant_type=password&client_id=morph-cli&username=admin",
            "password=wrong-password");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body())
        .containsEntry("error", "invalid_grant")
        .containsEntry("error_description", "Bad credentials");
    Reply unknown =
        post(
            "/oauth/token?grant_type=password&client_id=morph-cli&username=nobody",
            "password=wrong-password");
    assertThat(unknown.body()).containsEntry("error", "invalid_grant");
  }

  @Test
  void unknownClientGives400InvalidClient() throws Exception {
    Reply r =
        post(
            "/oauth/token?grant_type=password&client_id=other&username=admin",
            "password=" + enc(PASSWORD));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).containsEntry("error", "invalid_client");
  }

  @Test
  void expiredAccessTokenGives401InvalidToken() throws Exception {
    String token = (String) login().get("access_token");
    clock.advance(Duration.ofDays(366));
    Reply r = whoami("Bearer " + token);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).containsEntry("error", "invalid_token");
    assertThat((String) r.body().get("error_description")).startsWith("Invalid access token: ");
    assertThat(injected.instant()).isEqualTo(clock.instant());
  }

  @Test
  void revokedTokenGives401() throws Exception {
    String token = (String) login().get("access_token");
    HttpRequest revoke =
        HttpRequest.newBuilder(uri("/api/whoami/tokens"))
            .header("Authorization", "Bearer " + token)
            .DELETE()
            .build();
    assertThat(http.send(revoke, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    Reply r = whoami("Bearer " + token);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).containsEntry("error", "invalid_token");
  }

  @Test
  void missingHeaderGives401Unauthorized() throws Exception {
    Reply r = whoami(null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.body())
        .containsEntry("error", "unauthorized")
        .containsEntry("error_description", "Full authentication is required");
  }

  @Test
  void unknownTokenGives401InvalidToken() throws Exception {
    Reply r = whoami("Bearer not-a-token");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).containsEntry("error", "invalid_token");
  }

  @Test
  void bearerSchemeIsMatchedCaseInsensitively() throws Exception {
    String token = (String) login().get("access_token");
    assertThat(whoami("bearer " + token).status()).isEqualTo(200);
    assertThat(whoami("BEARER " + token).status()).isEqualTo(200);
  }

  @Test
  void pingIsOpenWithoutToken() throws Exception {
    HttpRequest get = HttpRequest.newBuilder(uri("/api/ping")).GET().build();
    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> body = parse(r.body());
    assertThat(body).containsEntry("success", true).containsEntry("setupNeeded", false);
    assertThat(body).containsKeys("buildVersion", "applianceUrl");
  }

  private Map<String, Object> login() throws Exception {
    Reply r =
        post(
            "/oauth/token?grant_type=password&scope=write&client_id=morph-cli&username=admin",
            "password=" + enc(PASSWORD));
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }

  private Reply whoami(String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/whoami")).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return reply(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private Reply post(String path, String form) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return reply(http.send(req, HttpResponse.BodyHandlers.ofString()));
  }

  private Reply reply(HttpResponse<String> r) throws IOException {
    String type = r.headers().firstValue("Content-Type").orElse("");
    return new Reply(r.statusCode(), type, r.body(), parse(r.body()));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(String body) {
    return body.isEmpty() ? Map.of() : json.readValue(body, Map.class);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private record Reply(int status, String contentType, String raw, Map<String, Object> body) {}
}
