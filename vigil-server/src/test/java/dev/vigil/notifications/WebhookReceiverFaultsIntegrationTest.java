package dev.vigil.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Receivers that misbehave: a redirect is not followed (its target never hears of it) and counts as
 * a failed attempt; a body that never ends or stalls is read no further than the limit and the read
 * timeout; a receiver that never answers and a closed port fail each attempt; after {@code
 * max-attempts} the delivery is {@code failed}; a disabled webhook gets nothing.
 */
@VigilSystemTestWithLimits
class WebhookReceiverFaultsIntegrationTest {

  @LocalServerPort int port;
  @Autowired Notifier notifier;
  @Autowired TransactionTemplate tx;

  HttpServer receiver;
  final AtomicInteger targetHits = new AtomicInteger();
  final AtomicInteger okHits = new AtomicInteger();

  @BeforeEach
  void receiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.createContext(
        "/redirect",
        ex -> {
          drain(ex);
          ex.getResponseHeaders().add("Location", url("/target"));
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    receiver.createContext(
        "/target",
        ex -> {
          targetHits.incrementAndGet();
          drain(ex);
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    receiver.createContext(
        "/endless",
        ex -> {
          drain(ex);
          ex.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          try (OutputStream out = ex.getResponseBody()) {
            while (true) {
              out.write(chunk);
            }
          } catch (IOException clientGone) {
            // expected: Vigil reads a few KB and hangs up
          }
        });
    receiver.createContext(
        "/stalled",
        ex -> {
          drain(ex);
          ex.sendResponseHeaders(200, 1_000_000);
          ex.getResponseBody().write('x');
          ex.getResponseBody().flush();
          sleep(30_000);
          ex.close();
        });
    receiver.createContext(
        "/silent",
        ex -> {
          drain(ex);
          sleep(30_000);
          ex.close();
        });
    receiver.createContext(
        "/ok",
        ex -> {
          okHits.incrementAndGet();
          drain(ex);
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void misbehavingReceiversEndAsTheirAttemptsSay() throws Exception {
    ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    long redirect = hook(api, "redirect", url("/redirect"), true);
    long endless = hook(api, "endless", url("/endless"), true);
    long stalled = hook(api, "stalled", url("/stalled"), true);
    long silent = hook(api, "silent", url("/silent"), true);
    long closed = hook(api, "closed", "http://127.0.0.1:" + closedPort() + "/hook", true);
    long disabled = hook(api, "disabled", url("/ok"), false);

    // the delivery path on its own: one waiver.requested notification queued as any source does
    tx.executeWithoutResult(
        s ->
            notifier.publish(
                NotificationEvent.WAIVER_REQUESTED,
                new Payloads.WaiverEvent(
                    new Payloads.Waiver(
                        5,
                        "w",
                        "requested",
                        "why",
                        null,
                        Instant.now().plus(Duration.ofDays(30)).toString(),
                        List.of("xccdf_dev.vigil_rule_x"),
                        new Payloads.Scope("server", 1L, null),
                        null,
                        null,
                        "ops",
                        Instant.now().toString()))));

    JsonNode r = ended(api, redirect);
    assertThat(r.get("status").asString()).isEqualTo("failed");
    assertThat(r.get("attempts").asInt()).isEqualTo(2);
    assertThat(r.get("lastHttpStatus").asInt()).isEqualTo(302);
    assertThat(r.get("lastError").asString()).isEqualTo("HTTP 302: redirects are not followed");
    assertThat(targetHits.get()).as("the redirect's target").isZero();

    JsonNode e = ended(api, endless);
    assertThat(e.get("status").asString()).isEqualTo("delivered");
    assertThat(e.get("attempts").asInt()).isEqualTo(1);

    JsonNode st = ended(api, stalled);
    assertThat(st.get("status").asString()).isEqualTo("delivered");
    assertThat(st.get("history").get(0).get("httpStatus").asInt()).isEqualTo(200);

    JsonNode si = ended(api, silent);
    assertThat(si.get("status").asString()).isEqualTo("failed");
    assertThat(si.get("attempts").asInt()).isEqualTo(2);
    assertThat(si.get("lastHttpStatus").isNull()).isTrue();
    assertThat(si.get("lastError").asString()).startsWith("no response within");

    JsonNode c = ended(api, closed);
    assertThat(c.get("status").asString()).isEqualTo("failed");
    assertThat(c.get("attempts").asInt()).isEqualTo(2);
    assertThat(c.get("lastError").asString()).startsWith("could not connect");

    assertThat(
            api.get("/api/webhooks/" + disabled + "/deliveries")
                .json()
                .get("meta")
                .get("total")
                .asLong())
        .as("a disabled webhook gets no delivery")
        .isZero();
    assertThat(okHits.get()).isZero();
  }

  private JsonNode ended(ApiClient api, long hook) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode list = api.get("/api/webhooks/" + hook + "/deliveries").json();
              if (list.get("deliveries").isEmpty()) {
                return false;
              }
              found[0] = list.get("deliveries").get(0);
              return !found[0].get("status").asString().equals("pending");
            });
    return found[0];
  }

  private static long hook(ApiClient api, String name, String url, boolean enabled) {
    ApiClient.Response r =
        api.post(
            "/api/webhooks",
            "{\"webhook\":{\"name\":"
                + ApiClient.quote(name)
                + ",\"url\":"
                + ApiClient.quote(url)
                + ",\"secret\":\"faults-secret-0123456789\",\"events\":[\"waiver.requested\"],"
                + "\"enabled\":"
                + enabled
                + "}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("webhook").get("id").asLong();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static void drain(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
