package dev.vigil.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SettableClock;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * What the compliance system tests share: the content with one profile per outcome, a loopback
 * sshd, an administrator's API client and the users of each role, the settable application clock,
 * and reading statuses and counts off the pages.
 */
abstract class ComplianceSystemBase {

  static final Path contentRoot = SystemTestContent.newFolder("vigil-compliancesystembase");
  static final Path marker = contentRoot.resolve("toggle-fails");
  static SshdHarness sshd;
  static Path ds;
  private static final Set<Integer> usersMadeOn = ConcurrentHashMap.newKeySet();

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;

  /** The application clock of these tests. */
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
  @Autowired JdbcClient jdbc;
  ApiClient api;
  ComplianceFleet fleet;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    if (ds == null) {
      ds = ComplianceContent.datastream(contentRoot, marker);
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

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", ADMIN_PASSWORD);
    fleet = new ComplianceFleet(api, sshd, ds);
    if (usersMadeOn.add(port)) {
      TestUsers.create(api, "comp-auditor", "comp-auditor-pw-1", "Auditor");
      TestUsers.create(api, "comp-ops", "comp-ops-pw-1", "Security Operator");
      createUserWithoutRoles("comp-nobody", "comp-nobody-pw-1");
    }
  }

  void createUserWithoutRoles(String username, String password) {
    ApiClient.Response r =
        api.post(
            "/api/users",
            "{\"user\":{\"username\":\""
                + username
                + "\",\"password\":\""
                + password
                + "\",\"roles\":[]}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** The compliance badge of the server's row in the hosts list. */
  static String hostStatus(String html, long serverId) {
    Matcher m =
        Pattern.compile(
                "<a class=\"status [^\"]*\"[^>]*data-status=\"(\\w+)\"[^>]*"
                    + "href=\"/infrastructure/servers/"
                    + serverId
                    + "/security\"|<a class=\"status [^\"]*\"[^>]*href=\"/infrastructure/servers/"
                    + serverId
                    + "/security\"[^>]*data-status=\"(\\w+)\"")
            .matcher(html);
    assertThat(m.find()).as(html).isTrue();
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  String page(String path) throws Exception {
    return Pages.html(mvc, path, "comp-auditor");
  }

  /**
   * The fleet's servers per status as the summary API, the Hosts list and the dashboard count them,
   * and today's compliant, non-compliant and other servers in the API and the dashboard's table.
   */
  record FleetView(
      Map<String, Long> api,
      Map<String, Long> hosts,
      Map<String, Long> dashboard,
      Map<String, Long> todayApi,
      Map<String, Long> todayDashboard) {}

  FleetView fleetView() throws Exception {
    JsonNode summary = api.get("/api/compliance/summary").json().get("compliance");
    Map<String, Long> apiCounts = new HashMap<>();
    summary
        .get("servers")
        .properties()
        .forEach(e -> apiCounts.put(e.getKey(), e.getValue().asLong()));
    JsonNode today = summary.get("days").get(summary.get("days").size() - 1);
    Map<String, Long> todayApi = new HashMap<>();
    for (String k : List.of("scanned", "compliant", "nonCompliant", "other")) {
      todayApi.put(k, today.get(k).asLong());
    }
    String dash = page("/dashboard");
    Map<String, Long> todayDash = new HashMap<>();
    Matcher row =
        Pattern.compile(
                "<tr data-day=\"" + today.get("date").asString() + "\">(.*?)</tr>", Pattern.DOTALL)
            .matcher(dash);
    if (row.find()) {
      todayDash.put("compliant", cell(row.group(1), "compliant"));
      todayDash.put("nonCompliant", cell(row.group(1), "non_compliant"));
      todayDash.put("other", cell(row.group(1), "other"));
    } else {
      todayDash.putAll(Map.of("compliant", 0L, "nonCompliant", 0L, "other", 0L));
    }
    return new FleetView(
        apiCounts,
        statusCounts(Pages.html(mvc, "/infrastructure/hosts", "comp-ops")),
        statusCounts(dash),
        todayApi,
        todayDash);
  }

  /** Asserts that every count moved by {@code delta} (by 0 where not named) in every view. */
  static void assertMoved(FleetView before, FleetView after, Map<String, Long> delta) {
    Map<String, Long> today = new HashMap<>();
    Map<String, Long> servers = new HashMap<>();
    delta.forEach(
        (k, v) -> (k.startsWith("today.") ? today : servers).put(k.replace("today.", ""), v));
    for (String status : before.api().keySet()) {
      long d = servers.getOrDefault(status, 0L);
      assertThat(after.api().get(status) - before.api().get(status))
          .as("API " + status)
          .isEqualTo(d);
      assertThat(after.hosts().get(status) - before.hosts().get(status))
          .as("Hosts list " + status)
          .isEqualTo(d);
      assertThat(after.dashboard().get(status) - before.dashboard().get(status))
          .as("dashboard " + status)
          .isEqualTo(d);
    }
    for (String k : List.of("compliant", "nonCompliant", "other")) {
      long d = today.getOrDefault(k, 0L);
      assertThat(after.todayApi().get(k) - before.todayApi().get(k))
          .as("API today " + k)
          .isEqualTo(d);
      assertThat(after.todayDashboard().get(k) - before.todayDashboard().get(k))
          .as("dashboard today " + k)
          .isEqualTo(d);
    }
  }

  /** The servers per status of a page's {@code compliance-counts} list. */
  static Map<String, Long> statusCounts(String html) {
    Map<String, Long> out = new HashMap<>();
    Pattern.compile(
            "<li data-status=\"(\\w+)\">.*?<strong class=\"count\">(\\d+)</strong>", Pattern.DOTALL)
        .matcher(html)
        .results()
        .forEach(r -> out.put(r.group(1), Long.parseLong(r.group(2))));
    assertThat(out).as(html).containsKeys("non_compliant", "not_checked", "not_applicable");
    return out;
  }

  private static long cell(String row, String status) {
    Matcher m = Pattern.compile("data-status=\"" + status + "\">(\\d+)<").matcher(row);
    assertThat(m.find()).as(row).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The count in a job's row of the dashboard's job table. */
  static int jobCount(String dashboard, long job, String status) {
    Matcher row =
        Pattern.compile("<tr data-job=\"" + job + "\">(.*?)</tr>", Pattern.DOTALL)
            .matcher(dashboard);
    assertThat(row.find()).as(dashboard).isTrue();
    Matcher cell =
        Pattern.compile(
                "<td data-status=\""
                    + status
                    + "\">\\s*(?:<a class=\"count-link\"[^>]*>|<span class=\"muted\">)(\\d+)<")
            .matcher(row.group(1));
    assertThat(cell.find()).as(row.group(1)).isTrue();
    return Integer.parseInt(cell.group(1));
  }

  static String attr(String html, String anchor, String name) {
    int at = html.indexOf(anchor);
    assertThat(at).as(anchor + " in " + html).isNotNegative();
    int tagEnd = html.indexOf('>', at);
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html.substring(at, tagEnd));
    return m.find() ? m.group(1) : null;
  }

  static List<String> rows(String html, String attribute) {
    return Pattern.compile(attribute + "=\"(\\d+)\"")
        .matcher(html)
        .results()
        .map(r -> r.group(1))
        .toList();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-compliance");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
