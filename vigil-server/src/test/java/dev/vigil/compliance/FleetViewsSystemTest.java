package dev.vigil.compliance;

import static dev.vigil.compliance.ComplianceContent.BENCHMARK;
import static dev.vigil.compliance.ComplianceContent.PASS;
import static dev.vigil.compliance.ComplianceContent.TOGGLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.results.ComplianceReadModel;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.VigilSystemTestWithClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Fleet views from real scans (oscap over a loopback sshd): five servers whose latest scans of one
 * (benchmark, profile) differ — two fail the toggle rule, three pass it, one of those after an
 * earlier failure — and one server with a second profile. The rule view's counts equal the rule
 * results of the latest scans behind them; every count's link lists exactly those servers in the
 * API and the Hosts list; in a real Chromium, the dashboard's links, the rule view's order, the
 * stacked chart with one day of data and the Security tab's profile chooser.
 */
@VigilSystemTestWithClock
class FleetViewsSystemTest extends ComplianceSystemBase {

  private static final String TOGGLE_RULE = "xccdf_dev.vigil_rule_toggle";
  private static final String PASS_RULE = "xccdf_dev.vigil_rule_pass";
  private static final List<Long> servers = new ArrayList<>();

  @Autowired ComplianceReadModel readModel;

  /** s1..s3 fail the toggle rule, s4 and s5 pass it; then s1 passes it; s1 also scans PASS. */
  @BeforeEach
  void fleetOfFive() throws Exception {
    if (!servers.isEmpty()) {
      return;
    }
    long pkg = fleet.readyPackage("fv-content");
    for (int i = 1; i <= 5; i++) {
      servers.add(fleet.sshServer("fv-s" + i));
    }
    long failing = fleet.job("fv-failing", pkg, servers.subList(0, 3), TOGGLE, "manual");
    long passing = fleet.job("fv-passing", pkg, servers.subList(3, 5), TOGGLE, "manual");
    long again = fleet.job("fv-again", pkg, servers.subList(0, 1), TOGGLE, "manual");
    long other = fleet.job("fv-other", pkg, servers.subList(0, 1), PASS, "manual");
    Files.createFile(marker);
    try {
      assertThat(fleet.run(failing)).isEqualTo("complete");
    } finally {
      Files.deleteIfExists(marker);
    }
    assertThat(fleet.run(passing)).isEqualTo("complete");
    assertThat(fleet.run(again)).isEqualTo("complete");
    assertThat(fleet.run(other)).isEqualTo("complete");
  }

  @Test
  void ruleViewCountsEqualTheLatestScansAndEachCountListsItsServers() throws Exception {
    Map<String, Map<String, Set<Long>>> expected = latestResults(TOGGLE);
    assertThat(expected.get(TOGGLE_RULE).get("fail")).hasSize(2);
    assertThat(expected.get(TOGGLE_RULE).get("pass")).hasSize(3);
    assertThat(expected.get(PASS_RULE).get("pass")).hasSize(5);

    ApiClient.Response r = api.get(rulesApi(TOGGLE));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("serverCount").asInt()).isEqualTo(5);
    assertThat(body.get("benchmarkTitle").asString()).isEqualTo(ComplianceContent.BENCHMARK_TITLE);
    assertThat(body.get("profileTitle").asString()).isEqualTo("Profile toggle");
    assertThat(body.get("meta").get("total").asInt()).isEqualTo(2);
    JsonNode rules = body.get("rules");
    assertThat(rules.get(0).get("ruleId").asString())
        .as("most failed first")
        .isEqualTo(TOGGLE_RULE);
    for (JsonNode rule : rules) {
      Map<String, Set<Long>> behind = expected.get(rule.get("ruleId").asString());
      for (String outcome : List.of("fail", "pass", "waived", "error", "other")) {
        Set<Long> ids = behind.getOrDefault(outcome, Set.of());
        assertThat(rule.get(outcome + "Count").asInt())
            .as(rule.get("ruleId").asString() + " " + outcome)
            .isEqualTo(ids.size());
        String filter = pairFilter(TOGGLE) + "&rule=" + enc(rule.get("ruleId").asString());
        assertThat(apiServers(filter + "&result=" + outcome)).isEqualTo(ids);
        assertThat(hostsPage(filter + "&result=" + outcome)).isEqualTo(ids);
      }
    }
    String page = page("/compliance/rules?" + pairFilter(TOGGLE));
    assertThat(page).contains("data-rule=\"" + TOGGLE_RULE + "\"");
    assertThat(page.indexOf("data-rule=\"" + TOGGLE_RULE + "\""))
        .isLessThan(page.indexOf("data-rule=\"" + PASS_RULE + "\""));
    String csv = Pages.html(mvc, "/compliance/rules.csv?" + pairFilter(TOGGLE), "comp-auditor");
    assertThat(csv.split("\r\n"))
        .containsExactly(
            "benchmark_id,profile_id,rule_id,title,severity,fail,waived,pass,error,other",
            BENCHMARK
                + ","
                + TOGGLE
                + ","
                + TOGGLE_RULE
                + ",Fails while the marker exists,medium,2,0,3,0,0",
            BENCHMARK + "," + TOGGLE + "," + PASS_RULE + ",Passes,low,0,0,5,0,0");
  }

  @Test
  void everyStatusCountListsItsServersOverallPerPairAndPerJob() throws Exception {
    Map<Long, String> overall = new HashMap<>();
    Map<Long, String> pair = new HashMap<>();
    for (long s : servers) {
      JsonNode c = fleet.compliance(s);
      overall.put(s, c.get("status").asString());
      pair.put(s, fleet.profile(s, TOGGLE).get("status").asString());
    }
    assertThat(overall.values()).contains("non_compliant", "compliant");
    JsonNode counts = api.get("/api/compliance/summary").json().get("compliance").get("servers");
    for (String status : List.of("non_compliant", "compliant", "never_scanned")) {
      Set<Long> want = select(overall, status);
      assertThat(counts.get(status).asLong()).isEqualTo(want.size());
      assertThat(apiServers("compliance=" + status)).isEqualTo(want);
      assertThat(hostsPage("compliance=" + status)).isEqualTo(want);
      String byPair = pairFilter(TOGGLE) + "&compliance=" + status;
      assertThat(apiServers(byPair)).isEqualTo(select(pair, status));
    }
    String dash = page("/dashboard");
    long failingJob =
        Long.parseLong(
            Pattern.compile("data-job=\"(\\d+)\">\\s*<td><a[^>]*>fv-failing<")
                .matcher(dash)
                .results()
                .findFirst()
                .orElseThrow()
                .group(1));
    // by the job's own scans: s1's scan from this job failed (its later pass came from another)
    assertThat(jobCount(dash, failingJob, "non_compliant")).isEqualTo(3);
    assertThat(apiServers("job=" + failingJob + "&compliance=non_compliant"))
        .isEqualTo(new TreeSet<>(servers.subList(0, 3)));
    assertThat(hostsPage("job=" + failingJob + "&compliance=non_compliant"))
        .isEqualTo(new TreeSet<>(servers.subList(0, 3)));
    assertThat(apiServers("job=" + failingJob)).hasSize(3);
  }

  /**
   * A job's page counts its targets by status, each target judged by the job's own latest scan of
   * it: the counts equal what those scans found, and each count's link lists exactly those servers.
   */
  @Test
  void aJobPageCountsItsTargetsByTheJobsScansAndEachCountListsThem() throws Exception {
    String dash = page("/dashboard");
    for (String name : List.of("fv-failing", "fv-passing", "fv-again")) {
      long job = jobIdOf(dash, name);
      // what the job's own latest scan of each server found, read off the scans
      Map<String, Set<Long>> expected = new TreeMap<>();
      for (long s : servers) {
        JsonNode latest = null;
        for (JsonNode scan :
            api.get("/api/security-scans?max=-1&serverId=" + s).json().get("securityScans")) {
          if (scan.get("job").get("id").asLong() == job
              && (latest == null
                  || scan.get("scanDate").asString().compareTo(latest.get("scanDate").asString())
                      > 0)) {
            latest = scan;
          }
        }
        if (latest != null) {
          String status = latest.get("failCount").asInt() > 0 ? "non_compliant" : "compliant";
          expected.computeIfAbsent(status, k -> new TreeSet<>()).add(s);
        }
      }
      assertThat(expected).as(name).isNotEmpty();
      String html = page("/provisioning/jobs/" + job);
      assertThat(html).contains("id=\"job-compliance\"");
      for (String status : List.of("non_compliant", "compliant", "error", "never_scanned")) {
        Set<Long> want = expected.getOrDefault(status, Set.of());
        assertThat(jobCount(html, job, status)).as(name + " " + status).isEqualTo(want.size());
        if (want.isEmpty()) {
          continue;
        }
        Matcher link =
            Pattern.compile(
                    "<td data-status=\""
                        + status
                        + "\">\\s*<a class=\"count-link\"\\s+href=\"([^\"]+)\"")
                .matcher(html);
        assertThat(link.find()).as(html).isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href)
            .startsWith("/infrastructure/")
            .contains("job=" + job)
            .contains("compliance=" + status);
        assertThat(hostsPage(href.substring(href.indexOf('?') + 1))).isEqualTo(want);
        assertThat(apiServers("job=" + job + "&compliance=" + status)).isEqualTo(want);
      }
    }
    // s1's scan by fv-failing failed though its later scan (fv-again) passed
    long failing = jobIdOf(dash, "fv-failing");
    assertThat(jobCount(page("/provisioning/jobs/" + failing), failing, "non_compliant"))
        .isEqualTo(3);
  }

  private static long jobIdOf(String dash, String name) {
    return Long.parseLong(
        Pattern.compile("data-job=\"(\\d+)\">\\s*<td><a[^>]*>" + name + "<")
            .matcher(dash)
            .results()
            .findFirst()
            .orElseThrow()
            .group(1));
  }

  /**
   * The narrow copy compliance reads (V26) follows the scans: deleting a server's latest scan falls
   * back to its previous one, deleting the server leaves it out of every count.
   */
  @Test
  void deletingTheLatestScanOrTheServerKeepsTheCountsTrue() throws Exception {
    long six = fleet.sshServer("fv-s6");
    long pkg =
        api.get("/api/security-packages?name=fv-content")
            .json()
            .get("securityPackages")
            .get(0)
            .get("id")
            .asLong();
    long job = fleet.job("fv-six", pkg, List.of(six), TOGGLE, "manual");
    Files.createFile(marker);
    try {
      assertThat(fleet.run(job)).isEqualTo("complete");
    } finally {
      Files.deleteIfExists(marker);
    }
    assertThat(fleet.run(job)).isEqualTo("complete");
    assertThat(toggleCounts()).containsExactly(6, 2, 4);
    long latest = fleet.profile(six, TOGGLE).get("lastScan").get("id").asLong();
    // the scan is within its job's 90 days, so the API refuses; the statements retention and purge
    // run (ScanRetentionRepository: unlink the target run, delete the row, recompute the read model
    // kept at record time for what the deleted scan was the latest of), here directly
    ApiClient.Response refused = api.delete("/api/security-scans/" + latest);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    ComplianceReadModel.Affected affected = readModel.affected(List.of(latest));
    assertThat(affected.latestServers()).containsExactly(six);
    jdbc.sql("update target_runs set scan_id = null where scan_id = ?").param(latest).update();
    assertThat(jdbc.sql("delete from security_scans where id = ?").param(latest).update()).isOne();
    readModel.recompute(affected);
    assertThat(fleet.profile(six, TOGGLE).get("status").asString()).isEqualTo("non_compliant");
    assertThat(toggleCounts()).containsExactly(6, 3, 3);
    String failing = pairFilter(TOGGLE) + "&rule=" + enc(TOGGLE_RULE) + "&result=fail";
    assertThat(apiServers(failing)).contains(six).hasSize(3);
    ApiClient.Response gone = api.delete("/api/servers/" + six);
    assertThat(gone.status()).as(gone.body()).isEqualTo(200);
    assertThat(toggleCounts()).containsExactly(5, 2, 3);
    assertThat(apiServers(failing)).doesNotContain(six).hasSize(2);
    assertThat(apiServers("compliance=non_compliant")).doesNotContain(six);
  }

  /** The rule view of the toggle pair: servers, then the toggle rule's fail and pass counts. */
  private List<Integer> toggleCounts() {
    JsonNode body = api.get(rulesApi(TOGGLE)).json();
    JsonNode rule = body.get("rules").get(0);
    assertThat(rule.get("ruleId").asString()).isEqualTo(TOGGLE_RULE);
    return List.of(
        body.get("serverCount").asInt(),
        rule.get("failCount").asInt(),
        rule.get("passCount").asInt());
  }

  @Test
  void theRulePageShowsMaxRulesAPageMostFailedFirstAndRefusesBadPaging() throws Exception {
    String first = page("/compliance/rules?" + pairFilter(TOGGLE) + "&max=1");
    assertThat(first).contains("data-rule=\"" + TOGGLE_RULE + "\"");
    assertThat(first).doesNotContain("data-rule=\"" + PASS_RULE + "\"");
    assertThat(first)
        .contains("id=\"rules-pager\"")
        .contains("Page 1 of 2")
        .contains("rel=\"next\"");
    assertThat(first).contains("<span id=\"rule-count\">2</span>");
    String second = page("/compliance/rules?" + pairFilter(TOGGLE) + "&max=1&page=1");
    assertThat(second).contains("data-rule=\"" + PASS_RULE + "\"");
    assertThat(second).doesNotContain("data-rule=\"" + TOGGLE_RULE + "\"");
    assertThat(second)
        .contains("Page 2 of 2")
        .contains("rel=\"prev\"")
        .doesNotContain("rel=\"next\"");
    String whole = page("/compliance/rules?" + pairFilter(TOGGLE));
    assertThat(whole).as("two rules fit the default page").doesNotContain("id=\"rules-pager\"");

    for (String bad : List.of("max=0", "max=1001", "max=many", "page=-1", "page=x")) {
      var response =
          mvc.perform(
                  get("/compliance/rules?" + pairFilter(TOGGLE) + "&" + bad)
                      .with(user("comp-auditor")))
              .andReturn()
              .getResponse();
      assertThat(response.getStatus()).as(bad).isEqualTo(400);
      assertThat(response.getContentAsString())
          .as(bad)
          .contains(bad.substring(0, bad.indexOf('=')));
    }
  }

  @Test
  void badFilterValuesAnswer400NamingTheParameterAndUnknownPairs404() throws Exception {
    Map<String, String> bad = new TreeMap<>();
    bad.put("compliance=green", "compliance");
    bad.put("job=abc", "job");
    bad.put("job=999999", "job");
    bad.put("benchmark=" + BENCHMARK, "profile");
    bad.put("profile=" + TOGGLE, "benchmark");
    bad.put(pairFilter(TOGGLE) + "&rule=x", "result");
    bad.put(pairFilter(TOGGLE) + "&rule=" + TOGGLE_RULE + "&result=maybe", "result");
    bad.put("result=fail", "rule");
    bad.put("benchmark=nope&profile=nope", "profile");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      ApiClient.Response r = api.get("/api/servers?" + e.getKey());
      assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().get("errors").has(e.getValue())).as(r.body()).isTrue();
      assertThat(r.json().get("msg").asString()).contains(e.getValue());
      var page =
          mvc.perform(get("/infrastructure/servers?" + e.getKey()).with(user("comp-auditor")))
              .andReturn()
              .getResponse();
      assertThat(page.getStatus()).as("page " + e.getKey()).isEqualTo(400);
      assertThat(page.getContentAsString())
          .contains("id=\"filter-problem\"")
          .contains(e.getValue());
    }
    ApiClient.Response missing = api.get("/api/security-compliance/rules?benchmarkId=" + BENCHMARK);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").has("profileId")).isTrue();
    ApiClient.Response unknown =
        api.get("/api/security-compliance/rules?benchmarkId=nope&profileId=" + enc(TOGGLE));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("msg").asString()).contains("nope");
  }

  @Test
  void inChromiumTheDashboardLinksRuleViewChartAndProfileChooser() throws Exception {
    Browser.requireChromium();
    Map<Long, String> overall = new HashMap<>();
    for (long s : servers) {
      overall.put(s, fleet.compliance(s).get("status").asString());
    }
    String base = "http://127.0.0.1:" + port;
    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.login(base, "comp-auditor", "comp-auditor-pw-1").driver();
      d.get(base + "/dashboard");
      List<WebElement> days = d.findElements(By.cssSelector("#fleet-trend g.day-bar"));
      assertThat(days).as("one day of data").hasSize(1);
      WebElement bar = days.get(0);
      assertThat(bar.getAttribute("data-scanned")).isEqualTo("5");
      assertThat(bar.findElement(By.cssSelector("rect.non-compliant")).getAttribute("data-count"))
          .isEqualTo(Long.toString(select(overall, "non_compliant").size()));
      double height =
          Double.parseDouble(
                  bar.findElement(By.cssSelector("rect.compliant")).getAttribute("height"))
              + Double.parseDouble(
                  bar.findElement(By.cssSelector("rect.non-compliant")).getAttribute("height"));
      assertThat(height).as("one day fills the axis").isGreaterThan(100);
      assertThat(d.findElement(By.cssSelector("#fleet-trend text.bar-total")).getText())
          .isEqualTo("5");
      browser.screenshot("fleet-stacked-one-day");

      d.findElement(By.cssSelector("#fleet-counts li[data-status=non_compliant] a")).click();
      assertThat(d.getCurrentUrl()).contains("/infrastructure/servers?compliance=non_compliant");
      Set<String> listed = new TreeSet<>();
      d.findElements(By.cssSelector("#server-list tbody tr td:first-child a"))
          .forEach(a -> listed.add(a.getText()));
      Set<String> want = new TreeSet<>();
      select(overall, "non_compliant").forEach(id -> want.add("fv-s" + (servers.indexOf(id) + 1)));
      assertThat(listed).isEqualTo(want);

      d.get(base + "/compliance/rules");
      d.findElement(By.cssSelector("li[data-profile='" + TOGGLE + "'] a.pair-link")).click();
      List<WebElement> rows = d.findElements(By.cssSelector("#rule-view tbody tr[data-rule]"));
      assertThat(rows.get(0).getAttribute("data-rule")).isEqualTo(TOGGLE_RULE);
      assertThat(rows.get(0).findElement(By.cssSelector("td[data-outcome=fail]")).getText())
          .isEqualTo("2");
      browser.screenshot("rule-view");
      rows.get(0).findElement(By.cssSelector("td[data-outcome=fail] a")).click();
      assertThat(d.findElements(By.cssSelector("#server-list tbody tr"))).hasSize(2);

      d.get(base + "/infrastructure/servers/" + servers.get(0) + "/security");
      String first = d.findElement(By.id("trend-profile")).getText();
      var select = new org.openqa.selenium.support.ui.Select(d.findElement(By.id("trend-pair")));
      String target = first.equals("Profile pass") ? TOGGLE : PASS;
      select.selectByValue(BENCHMARK + "|" + target);
      d.findElement(By.id("trend-show")).click();
      // the click loads a new page: until it has, the old page's element may be read, or go stale
      // while it is read ("does not belong to the document")
      new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(20))
          .ignoring(org.openqa.selenium.WebDriverException.class)
          .until(
              x ->
                  x.findElement(By.id("trend-profile"))
                      .getText()
                      .equals(ComplianceContent.title(target)));
      assertThat(d.findElement(By.id("trend-profile")).getText())
          .isEqualTo(ComplianceContent.title(target))
          .isNotEqualTo(first);
      assertThat(d.findElements(By.cssSelector("#scan-trend path.line.score"))).hasSize(1);
    }
  }

  /** For each rule, the servers per outcome, read off each server's latest scan of the pair. */
  private Map<String, Map<String, Set<Long>>> latestResults(String profile) {
    Map<String, Map<String, Set<Long>>> out = new HashMap<>();
    for (long s : servers) {
      long scan = fleet.profile(s, profile).get("lastScan").get("id").asLong();
      for (JsonNode rule :
          api.get("/api/security-scans/" + scan + "/rules?max=-1").json().get("rules")) {
        String outcome =
            switch (rule.get("result").asString()) {
              case "fail" -> "fail";
              case "pass", "fixed" -> "pass";
              case "error", "unknown" -> "error";
              case "notselected" -> null;
              default -> "other";
            };
        if (outcome != null) {
          out.computeIfAbsent(rule.get("ruleId").asString(), k -> new HashMap<>())
              .computeIfAbsent(outcome, k -> new TreeSet<>())
              .add(s);
        }
      }
    }
    return out;
  }

  private Set<Long> apiServers(String filter) {
    ApiClient.Response r = api.get("/api/servers?max=-1&" + filter);
    assertThat(r.status()).as(filter + ": " + r.body()).isEqualTo(200);
    Set<Long> ids = new TreeSet<>();
    r.json().get("servers").forEach(s -> ids.add(s.get("id").asLong()));
    assertThat(r.json().get("meta").get("total").asLong()).isEqualTo(ids.size());
    return ids;
  }

  private Set<Long> hostsPage(String filter) throws Exception {
    String html = page("/infrastructure/servers?" + filter);
    Set<Long> ids = new TreeSet<>();
    Pattern.compile("href=\"/infrastructure/servers/(\\d+)/security\"")
        .matcher(html)
        .results()
        .forEach(m -> ids.add(Long.parseLong(m.group(1))));
    return ids;
  }

  private static Set<Long> select(Map<Long, String> statuses, String status) {
    Set<Long> out = new TreeSet<>();
    statuses.forEach(
        (id, s) -> {
          if (s.equals(status)) {
            out.add(id);
          }
        });
    return out;
  }

  private static String rulesApi(String profile) {
    return "/api/security-compliance/rules?benchmarkId="
        + enc(BENCHMARK)
        + "&profileId="
        + enc(profile);
  }

  private static String pairFilter(String profile) {
    return "benchmark=" + enc(BENCHMARK) + "&profile=" + enc(profile);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
