package dev.vigil.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests exactly as morpheus-cli 8.0.7 puts them on the wire (API.md §1), with raw {@code
 * java.net.http}: {@code Accept: *}{@code /*}, the CLI's {@code User-Agent}, compact JSON bodies,
 * GETs without a Content-Type, DELETE with {@code Content-Type: application/json} and no body. The
 * path and query are sent verbatim, so bare keys ({@code ?taskId&max=2}) and repeated keys reach
 * the server as the CLI sends them.
 */
final class ContractClient {

  static final String USER_AGENT = "morpheus-cli 8.0.7 (linux-gnu x86_64) ruby/3.1.2p20";
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private String authorization;

  ContractClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response: status, Content-Type, the raw body and the parsed JSON (missing when not JSON). */
  record Resp(int status, String contentType, String body, JsonNode json) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** Logs in with the CLI's password grant (username in the query) and keeps the token. */
  ContractClient login(String username, String password) {
    Resp r = passwordGrantCli(username, password, "morph-cli");
    if (r.status() != 200) {
      throw new IllegalStateException("login of " + username + " failed: " + r);
    }
    return bearer(r.json().get("access_token").asString());
  }

  /** Sends {@code Authorization: Bearer <token>} from now on. */
  ContractClient bearer(String token) {
    return authorization("Bearer " + token);
  }

  /** Sends this exact Authorization header from now on (null: none). */
  ContractClient authorization(String header) {
    this.authorization = header;
    return this;
  }

  /** The CLI's login: grant, client and username in the query, only the password in the form. */
  Resp passwordGrantCli(String username, String password, String client) {
    return form(
        "/oauth/token?grant_type=password&scope=write&client_id="
            + client
            + "&username="
            + enc(username),
        "password=" + enc(password));
  }

  /** The documented login: everything in the form body. */
  Resp passwordGrantForm(String username, String password, String client) {
    return form(
        "/oauth/token",
        "grant_type=password&scope=write&client_id="
            + client
            + "&username="
            + enc(username)
            + "&password="
            + enc(password));
  }

  /** The CLI's refresh: grant and client in the query, the refresh token in the form. */
  Resp refreshGrant(String refreshToken, String client) {
    return form(
        "/oauth/token?grant_type=refresh_token&scope=write&client_id=" + client,
        "refresh_token=" + enc(refreshToken));
  }

  /** A form POST without an Authorization header (the token endpoint). */
  Resp form(String pathAndQuery, String formBody) {
    return send(
        start(pathAndQuery, false)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(formBody)));
  }

  /** GET with no Content-Type. */
  Resp get(String pathAndQuery) {
    return send(start(pathAndQuery, true).GET());
  }

  Resp post(String pathAndQuery, String json) {
    return send(withJson(start(pathAndQuery, true), "POST", json));
  }

  Resp put(String pathAndQuery, String json) {
    return send(withJson(start(pathAndQuery, true), "PUT", json));
  }

  /** DELETE as the CLI's jobs interface sends it: JSON Content-Type, no body. */
  Resp delete(String pathAndQuery) {
    return send(
        start(pathAndQuery, true)
            .header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.noBody()));
  }

  /** Any method with a raw body and Content-Type, sent as is (for malformed-input tests). */
  Resp send(String method, String pathAndQuery, String contentType, String body) {
    return send(
        start(pathAndQuery, true)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Re-serialises {@code json} compactly (no spaces), as the CLI's {@code to_json} does. */
  static String compact(String json) {
    return JSON.writeValueAsString(JSON.readTree(json));
  }

  /** The record id under {@code key} of a 200 write answer; fails with the body otherwise. */
  static long id(Resp r, String key) {
    if (r.status() != 200 || !r.json().path(key).path("id").isNumber()) {
      throw new AssertionError("expected a written " + key + ": " + r);
    }
    return r.json().get(key).get("id").asLong();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static HttpRequest.Builder withJson(HttpRequest.Builder b, String method, String json) {
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(compact(json)));
  }

  private HttpRequest.Builder start(String pathAndQuery, boolean authorized) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .header("Accept", "*/*")
            .header("User-Agent", USER_AGENT);
    if (authorized && authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private Resp send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
      } catch (RuntimeException notJson) {
        json = JSON.missingNode();
      }
      return new Resp(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
