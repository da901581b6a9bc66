package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.vigil.testsupport.SettableClock;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Failed sign-ins per (username, client address) are slowed, then refused with 429 and {@code
 * Retry-After}, on {@code /oauth/token} and on the login form, alike for known and unknown
 * usernames. Loopback is a trusted proxy here, so {@code X-Forwarded-For} stands for distinct
 * client addresses (and isolates each test's counters; the throttle is cleared before each test).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.access.login-throttle.free-failures=2",
      "vigil.access.login-throttle.first-delay=30s",
      "vigil.access.login-throttle.lock-after=4",
      "vigil.access.login-throttle.window=10m",
      "vigil.access.login-throttle.trusted-proxies=127.0.0.1/32"
    })
@ActiveProfiles("test")
class LoginThrottleIntegrationTest {

  private static final String PASSWORD = "admin-test-password";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TestConfiguration
  static class ClockConfig {
    @Bean
    @Primary
    SettableClock testClock() {
      return new SettableClock(Duration.ZERO);
    }
  }

  @LocalServerPort int port;
  @Autowired SettableClock clock;
  @Autowired LoginThrottle throttle;
  @MockitoSpyBean PasswordEncoder encoder;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void freshCounters() {
    throttle.clear();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void tokenFailuresAreSlowedThenLockedForTheWindowAndASuccessResets() throws Exception {
    String from = "192.0.2.10";
    assertThat(token("admin", "wrong", from).statusCode()).isEqualTo(400);
    assertThat(token("admin", "wrong", from).statusCode()).isEqualTo(400);
    HttpResponse<String> slowed = token("admin", PASSWORD, from);
    assertThat(slowed.statusCode()).isEqualTo(429);
    assertThat(slowed.headers().firstValue("Retry-After")).contains("30");
    assertThat(slowed.body())
        .isEqualTo("{\"success\":false,\"msg\":\"Too many failed sign-ins; try again in 30 s\"}");

    clock.advance(Duration.ofSeconds(30));
    assertThat(token("admin", "wrong", from).statusCode()).isEqualTo(400);
    assertThat(token("admin", "wrong", from).headers().firstValue("Retry-After")).contains("60");
    clock.advance(Duration.ofSeconds(60));
    assertThat(token("admin", "wrong", from).statusCode()).isEqualTo(400);
    clock.advance(Duration.ofMinutes(9));
    HttpResponse<String> locked = token("admin", PASSWORD, from);
    assertThat(locked.statusCode()).as("the right password while locked").isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).contains("60");
    assertThat(token("admin", PASSWORD, "192.0.2.11").statusCode())
        .as("the same user from elsewhere is not locked out")
        .isEqualTo(200);

    clock.advance(Duration.ofMinutes(1));
    assertThat(token("admin", PASSWORD, from).statusCode()).isEqualTo(200);
    assertThat(token("admin", "wrong", from).statusCode()).isEqualTo(400);
    assertThat(token("admin", "wrong", from).statusCode())
        .as("the success reset the count: two free failures again")
        .isEqualTo(400);
    assertThat(token("admin", "wrong", from).statusCode()).isEqualTo(429);
  }

  @Test
  void anUnknownUsernameDoesTheSameWorkAndGetsTheSameAnswers() throws Exception {
    clearInvocations(encoder);
    HttpResponse<String> known = token("admin", "wrong", "192.0.2.20");
    verify(encoder, times(1)).matches(any(), any());
    clearInvocations(encoder);
    HttpResponse<String> unknown = token("nobody-here", "wrong", "192.0.2.20");
    verify(encoder, times(1)).matches(any(), any());
    assertThat(unknown.statusCode()).isEqualTo(known.statusCode());
    assertThat(unknown.body()).isEqualTo(known.body());

    token("admin", "wrong", "192.0.2.20");
    token("nobody-here", "wrong", "192.0.2.20");
    clearInvocations(encoder);
    HttpResponse<String> knownRefused = token("admin", "wrong", "192.0.2.20");
    HttpResponse<String> unknownRefused = token("nobody-here", "wrong", "192.0.2.20");
    verify(encoder, times(0)).matches(any(), any());
    assertThat(knownRefused.statusCode()).isEqualTo(429);
    assertThat(unknownRefused.statusCode()).isEqualTo(429);
    assertThat(unknownRefused.body()).isEqualTo(knownRefused.body());
    assertThat(unknownRefused.headers().firstValue("Retry-After"))
        .isEqualTo(knownRefused.headers().firstValue("Retry-After"));

    clearInvocations(encoder);
    assertThat(page("nobody-here", "wrong", "192.0.2.21").statusCode()).isEqualTo(302);
    verify(encoder, times(1)).matches(any(), any());
    clearInvocations(encoder);
    assertThat(page("admin", "wrong", "192.0.2.21").statusCode()).isEqualTo(302);
    verify(encoder, times(1)).matches(any(), any());
  }

  @Test
  void theLoginPageIsRefusedWith429AndSaysHowLongToWait() throws Exception {
    String from = "192.0.2.30";
    HttpResponse<String> first = page("admin", "wrong", from);
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.headers().firstValue("Location")).get().asString().endsWith("/login?error");
    page("admin", "wrong", from);
    HttpResponse<String> refused = page("admin", PASSWORD, from);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("30");
    assertThat(refused.body())
        .contains("Too many failed sign-ins. Try again in 30 seconds.")
        .doesNotContain("Invalid username or password")
        .contains("name=\"_csrf\"");
    assertThat(page("admin", PASSWORD, "192.0.2.31").statusCode()).isEqualTo(302);

    clock.advance(Duration.ofSeconds(30));
    HttpResponse<String> signedIn = page("admin", PASSWORD, from);
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location")).get().asString().doesNotContain("error");
  }

  @Test
  void refusalsAreCountedForPrometheus() throws Exception {
    for (int i = 0; i < 3; i++) {
      token("metric-user", "wrong", "192.0.2.40");
      page("metric-user", "wrong", "192.0.2.41");
    }
    String access = accessToken("192.0.2.42");
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "Bearer " + access)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .containsPattern("vigil_login_refused_total\\{path=\"token\"} [1-9]")
        .containsPattern("vigil_login_refused_total\\{path=\"page\"} [1-9]");
  }

  private String accessToken(String from) throws Exception {
    HttpResponse<String> r = token("admin", PASSWORD, from);
    assertThat(r.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> token(String username, String password, String from)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                uri("/oauth/token?grant_type=password&client_id=morph-cli&username=" + username))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", from)
            .POST(HttpRequest.BodyPublishers.ofString("password=" + enc(password)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> page(String username, String password, String from)
      throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();
    HttpResponse<String> login =
        browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), ofString());
    Matcher csrf = CSRF.matcher(login.body());
    assertThat(csrf.find()).as("csrf field on the login page").isTrue();
    String form =
        "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
    return browser.send(
        HttpRequest.newBuilder(uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", "203.0.113.9, " + from)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
