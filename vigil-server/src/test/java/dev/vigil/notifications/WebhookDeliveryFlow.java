package dev.vigil.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SettableClock;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end: real scans by the real oscap over a loopback sshd move a server's pair
 * compliant → non-compliant → compliant, the clock makes it stale (found by the sweep, no scan), a
 * closed port fails the next execution; a waiver requested by a Security Operator and approved by
 * the administrator is notified requested, approved and, within 7 days of expiry, expiring. A
 * receiver that answers 500 twice to every delivery and then 200 gets each event exactly once,
 * signed with the secret, and the delivery log shows the three attempts of each. Run on H2 and on
 * PostgreSQL.
 */
abstract class WebhookDeliveryFlow {

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;
  static final String P1 = "vigil.access.admin-password=" + ADMIN_PASSWORD;
  static final String P2 = "vigil.scheduler.polling-interval=200ms";
  static final String P3 = "vigil.packages.allow-private-addresses=true";
  static final String P4 = "vigil.webhooks.allow-private-addresses=true";
  static final String P5 = "vigil.webhooks.retry-backoff=100ms";
  static final String P6 = "vigil.webhooks.max-backoff=1s";
  static final String P7 = "vigil.webhooks.sweep-interval=1s";
  static final String P8 = "vigil.packages.allowed-file-roots=" + VigilSystemTest.CONTENT_ROOT;
  static final String SECRET = "the-receivers-shared-secret-42";
  static final Path contentRoot = SystemTestContent.newFolder("vigil-webhookdeliveryflow");
  static final Path marker = contentRoot.resolve("toggle-fails");
  static SshdHarness sshd;
  static Path ds;

  @TestConfiguration
  static class ClockConfig {
    @Bean
    @Primary
    SettableClock testClock() {
      return new SettableClock(Duration.ofDays(30));
    }
  }

  @LocalServerPort int port;
  @Autowired SettableClock clock;
  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired NotificationSweep sweep;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    if (ds == null) {
      ds = NotificationContent.datastream(contentRoot, marker);
    }
    sshd = SshdHarness.start();
    sshd.authorize("root");
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void everyEventReachesAFlakyReceiverOnceSignedAfterTwoFailedAttempts() throws Exception {
    ApiClient api = new ApiClient(port).login("admin", ADMIN_PASSWORD);
    FleetApi fleet = new FleetApi(api);
    try (FlakyReceiver rx = new FlakyReceiver(2)) {
      ApiClient.Response created =
          api.post(
              "/api/webhooks",
              "{\"webhook\":{\"name\":\"flaky\",\"url\":"
                  + ApiClient.quote(rx.url())
                  + ",\"secret\":"
                  + ApiClient.quote(SECRET)
                  + ",\"events\":[\"compliance.status_changed\",\"execution.failed\","
                  + "\"waiver.requested\",\"waiver.approved\",\"waiver.expiring\"]}}");
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      long hook = created.json().get("webhook").get("id").asLong();

      long pkg = fleet.readyPackage("notify-pkg", ds);
      long server = fleet.sshServer("notify-ssh", sshd);
      long job =
          fleet.job(
              "notify-job",
              pkg,
              ds.getFileName().toString(),
              NotificationContent.PROFILE,
              List.of(server),
              1);

      Files.deleteIfExists(marker);
      assertThat(run(fleet, job)).isEqualTo("complete");
      awaitChange(rx, server, "never_scanned", "compliant");

      Files.createFile(marker);
      try {
        assertThat(run(fleet, job)).isEqualTo("complete");
      } finally {
        Files.deleteIfExists(marker);
      }
      JsonNode failing = awaitChange(rx, server, "compliant", "non_compliant");
      assertThat(failing.get("data").get("lastScan").get("failCount").asInt()).isOne();
      assertThat(failing.get("data").get("benchmark").get("id").asString())
          .isEqualTo(NotificationContent.BENCHMARK);
      assertThat(failing.get("data").get("profile").get("title").asString()).isEqualTo("Toggle");
      assertThat(failing.get("data").get("job").get("id").asLong()).isEqualTo(job);

      assertThat(run(fleet, job)).isEqualTo("complete");
      awaitChange(rx, server, "non_compliant", "compliant");

      clock.advance(Duration.ofDays(7).plusMinutes(5));
      JsonNode stale = awaitChange(rx, server, "compliant", "stale");
      assertThat(stale.get("data").get("lastScan").isNull()).isFalse();

      assertThat(run(fleet, job)).isEqualTo("complete");
      awaitChange(rx, server, "stale", "compliant");

      clock.advance(Duration.ofMinutes(1)); // the test clock stands still: the failure comes later
      ApiClient.Response closed = api.put("/api/servers/" + server, "{\"server\":{\"sshPort\":1}}");
      assertThat(closed.status()).as(closed.body()).isEqualTo(200);
      long failedRun = fleet.execute(job);
      assertThat(fleet.awaitEnd(failedRun, Duration.ofSeconds(120)).get("status").asString())
          .isEqualTo("failed");
      awaitChange(rx, server, "compliant", "error");
      JsonNode execution = awaitEvent(rx, "execution.failed");
      assertThat(execution.get("data").get("jobExecution").get("id").asLong()).isEqualTo(failedRun);
      assertThat(execution.get("data").get("jobExecution").get("job").get("id").asLong())
          .isEqualTo(job);
      assertThat(execution.get("data").get("jobExecution").get("failedCount").asInt()).isOne();

      TestUsers.create(api, "notify-ops", "notify-ops-pw-1", "Security Operator");
      ApiClient ops = new ApiClient(port).login("notify-ops", "notify-ops-pw-1");
      Instant expires = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(3));
      ApiClient.Response asked =
          ops.post(
              "/api/security-waivers",
              "{\"securityWaiver\":{\"name\":\"accept the toggle\","
                  + "\"reason\":\"known, fixed next sprint\",\"ticket\":\"OPS-12\","
                  + "\"expiresAt\":\""
                  + expires
                  + "\",\"ruleIds\":[\"xccdf_dev.vigil_rule_toggle\"],"
                  + "\"scope\":{\"type\":\"server\",\"id\":"
                  + server
                  + "}}}");
      assertThat(asked.status()).as(asked.body()).isEqualTo(200);
      long waiver = asked.json().get("securityWaiver").get("id").asLong();
      JsonNode requested = awaitEvent(rx, "waiver.requested");
      JsonNode rw = requested.get("data").get("securityWaiver");
      assertThat(rw.get("id").asLong()).isEqualTo(waiver);
      assertThat(rw.get("by").asString()).isEqualTo("notify-ops");
      assertThat(rw.get("status").asString()).isEqualTo("requested");
      assertThat(rw.get("ticket").asString()).isEqualTo("OPS-12");
      assertThat(rw.get("scope").get("type").asString()).isEqualTo("server");
      assertThat(rw.get("scope").get("id").asLong()).isEqualTo(server);
      ApiClient.Response ok =
          api.put("/api/security-waivers/" + waiver + "/approve", "{\"reason\":\"until the fix\"}");
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      JsonNode approved = awaitEvent(rx, "waiver.approved");
      assertThat(approved.get("data").get("securityWaiver").get("status").asString())
          .isEqualTo("approved");
      assertThat(approved.get("data").get("securityWaiver").get("by").asString())
          .isEqualTo("admin");
      assertThat(approved.get("data").get("securityWaiver").get("reason").asString())
          .isEqualTo("until the fix");
      JsonNode expiring = awaitEvent(rx, "waiver.expiring");
      assertThat(
              Instant.parse(expiring.get("data").get("securityWaiver").get("expiresAt").asString()))
          .isEqualTo(expires);
      assertThat(expiring.get("data").get("securityWaiver").get("ruleIds").get(0).asString())
          .isEqualTo("xccdf_dev.vigil_rule_toggle");

      List<String> expected =
          List.of(
              "compliance.status_changed never_scanned>compliant",
              "compliance.status_changed compliant>non_compliant",
              "compliance.status_changed non_compliant>compliant",
              "compliance.status_changed compliant>stale",
              "compliance.status_changed stale>compliant",
              "compliance.status_changed compliant>error",
              "execution.failed",
              "waiver.requested",
              "waiver.approved",
              "waiver.expiring");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  api.get("/api/webhooks/" + hook + "/deliveries?status=delivered&max=-1")
                          .json()
                          .get("meta")
                          .get("total")
                          .asLong()
                      == expected.size());
      // nothing more may come: a sweep (run here rather than waited for) finds nothing left to
      // notify, and no delivery waits to be sent or retried
      assertThat(sweep.sweep()).as("notifications a sweep still finds").isZero();
      assertThat(
              api.get("/api/webhooks/" + hook + "/deliveries?status=pending&max=-1")
                  .json()
                  .get("meta")
                  .get("total")
                  .asLong())
          .as("deliveries still pending")
          .isZero();
      List<String> got = new ArrayList<>();
      for (FlakyReceiver.Received r : rx.accepted()) {
        JsonNode body = json.readTree(r.body());
        assertThat(r.signature()).as("signature of " + r.body()).isEqualTo(hmac(r.body()));
        assertThat(r.event()).isEqualTo(body.get("event").asString());
        assertThat(r.delivery()).isEqualTo(body.get("id").asString());
        assertThat(body.get("webhook").get("id").asLong()).isEqualTo(hook);
        got.add(describe(body));
      }
      assertThat(got)
          .as("each event delivered exactly once")
          .containsExactlyInAnyOrderElementsOf(expected);

      Map<String, List<Integer>> perDelivery = new TreeMap<>();
      for (FlakyReceiver.Received r : rx.all()) {
        perDelivery.computeIfAbsent(r.delivery(), k -> new ArrayList<>()).add(r.answered());
        assertThat(r.signature()).isEqualTo(hmac(r.body()));
      }
      assertThat(perDelivery).hasSize(expected.size());
      perDelivery.forEach(
          (k, statuses) -> assertThat(statuses).as(k).containsExactly(500, 500, 200));

      JsonNode log = api.get("/api/webhooks/" + hook + "/deliveries?max=-1").json();
      assertThat(log.get("meta").get("total").asLong()).isEqualTo(expected.size());
      for (JsonNode d : log.get("deliveries")) {
        assertThat(d.get("status").asString()).isEqualTo("delivered");
        assertThat(d.get("attempts").asInt()).isEqualTo(3);
        assertThat(d.get("lastHttpStatus").asInt()).isEqualTo(200);
        assertThat(d.get("deliveredAt").isNull()).isFalse();
        List<Integer> statuses = new ArrayList<>();
        d.get("history").forEach(a -> statuses.add(a.get("httpStatus").asInt()));
        assertThat(statuses).containsExactly(500, 500, 200);
        assertThat(d.get("history").get(0).get("error").asString()).isEqualTo("HTTP 500");
        assertThat(perDelivery).containsKey(d.get("deliveryId").asString());
      }
      assertThat(log.toString()).doesNotContain(SECRET);

      String page = Pages.html(mvc, "/admin/webhooks/" + hook + "/deliveries", "admin");
      assertThat(page.split("data-attempts=\"3\"", -1)).hasSize(expected.size() + 1);
      assertThat(page).contains("execution.failed").contains("HTTP 500").doesNotContain(SECRET);
      String list = Pages.html(mvc, "/admin/webhooks", "admin");
      assertThat(list).contains("flaky").doesNotContain(SECRET);
    }
  }

  private String run(FleetApi fleet, long job) {
    return fleet.awaitEnd(fleet.execute(job), Duration.ofSeconds(120)).get("status").asString();
  }

  private JsonNode awaitChange(FlakyReceiver rx, long server, String from, String to) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (FlakyReceiver.Received r : rx.accepted()) {
                JsonNode b = json.readTree(r.body());
                JsonNode d = b.get("data");
                if (b.get("event").asString().equals("compliance.status_changed")
                    && d.get("server").get("id").asLong() == server
                    && d.get("previousStatus").asString().equals(from)
                    && d.get("status").asString().equals(to)) {
                  found[0] = b;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  private JsonNode awaitEvent(FlakyReceiver rx, String event) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (FlakyReceiver.Received r : rx.accepted()) {
                if (event.equals(r.event())) {
                  found[0] = json.readTree(r.body());
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  private static String describe(JsonNode body) {
    String event = body.get("event").asString();
    if (!event.equals("compliance.status_changed")) {
      return event;
    }
    JsonNode d = body.get("data");
    return event + " " + d.get("previousStatus").asString() + ">" + d.get("status").asString();
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-webhooks");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
