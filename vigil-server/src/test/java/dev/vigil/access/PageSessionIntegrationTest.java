package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.VigilSystemTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser-like session over real HTTP: form login, a page the user may not open, home. */
@VigilSystemTest
class PageSessionIntegrationTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired UserAdminService users;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(new CookieManager())
          .build();

  @Test
  void signedInUserWithoutPermissionGetsReadable403PageAndTheWelcomePage() throws Exception {
    users.create(new UserRequest("plain", "Plain User", null, "plain-password", true, List.of()));
    HttpResponse<String> login = get("/login");
    Matcher csrf = CSRF.matcher(login.body());
    assertThat(csrf.find()).as("csrf field on the login page").isTrue();
    String form =
        "username=plain&password=plain-password&_csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    HttpResponse<String> denied = get("/admin/users");
    System.out.println("DEBUG403 " + denied.headers().map() + " " + denied.body());
    HttpResponse<String> missing = get("/no-such-page");
    System.out.println(
        "DEBUG404 " + missing.statusCode() + " " + missing.headers().map() + " " + missing.body());
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("Not allowed").contains(">plain</span>");
    assertThat(denied.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("default-src 'self'");
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Welcome to Vigil");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,*/*;q=0.8").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
