package dev.vigil.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for system tests: logs in through {@code /oauth/token}, then calls the API.
 */
public final class ApiClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private String token;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response: HTTP status and the parsed JSON body (a missing node when not JSON). */
  public record Response(int status, JsonNode json, String body) {}

  /** Logs in with the password grant the Morpheus CLI uses and keeps the access token. */
  public ApiClient login(String username, String password) {
    Response r =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/oauth/token?grant_type=password&scope=write&client_id=morph-cli"
                            + "&username="
                            + URLEncoder.encode(username, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
    }
    token = r.json().get("access_token").asString();
    return this;
  }

  /** The access token of the last {@link #login}, for requests made without this client. */
  public String token() {
    return token;
  }

  public Response get(String path) {
    return send(authorized(path).GET());
  }

  public Response delete(String path) {
    return send(authorized(path).DELETE());
  }

  public Response post(String path, String json) {
    return send(
        authorized(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(
        authorized(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A multipart/form-data POST: text fields, and a file part named {@code file} when not null. */
  public Response postMultipart(
      String path, java.util.Map<String, String> fields, String fileName, byte[] file) {
    String boundary = "vigil-" + Long.toHexString(System.nanoTime());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    fields.forEach(
        (k, v) ->
            out.writeBytes(
                ("--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\""
                        + k
                        + "\"\r\n\r\n"
                        + v
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    if (file != null) {
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + fileName
                  + "\"\r\nContent-Type: application/xml\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(file);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        authorized(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
  }

  /** JSON text of a value, quoted and escaped. */
  public static String quote(String s) {
    return JSON.writeValueAsString(s);
  }

  private HttpRequest.Builder authorized(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "*/*");
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(r.body());
      } catch (RuntimeException notJson) {
        json = JSON.missingNode();
      }
      return new Response(r.statusCode(), json, r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
