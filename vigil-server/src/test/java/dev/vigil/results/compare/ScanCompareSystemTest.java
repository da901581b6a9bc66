package dev.vigil.results.compare;

import static dev.vigil.results.compare.CompareContent.RULE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.compliance.ScanDiff;
import dev.vigil.results.ScanOrigin;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * Comparing two scans through the API and the pages, on real oscap ARFs with one change of every
 * kind, and the look-up of a scan's previous scan.
 */
class ScanCompareSystemTest extends CompareSystemTestBase {

  @Test
  void compareListsEveryKindOfChangeExactlyWithTheLaterScanAfter() throws Exception {
    long a = server();
    long before = record(a, beforeArf, 1, ScanOrigin.NONE);
    long after = record(a, afterArf, 2, ScanOrigin.NONE);
    JsonNode c = comparison(after, before, "");
    assertThat(c.get("before").get("id").asLong()).isEqualTo(before);
    assertThat(c.get("after").get("id").asLong()).isEqualTo(after);
    assertThat(c.get("order").asString()).contains("before is the earlier scan");
    assertThat(changes(c)).isEqualTo(EXPECTED);
    assertThat(c.get("changes").get(0).get("change").asString()).isEqualTo("pass_to_fail");
    assertThat(c.get("counts").get("pass_to_fail").asInt()).isEqualTo(1);
    assertThat(c.get("counts").get("fail_to_pass").asInt()).isEqualTo(1);
    assertThat(c.get("counts").get("new").asInt()).isEqualTo(2);
    assertThat(c.get("counts").get("gone").asInt()).isEqualTo(2);
    assertThat(c.get("counts").get("other").asInt()).isEqualTo(1);
    assertThat(c.get("counts").get("total").asInt()).isEqualTo(7);
    JsonNode other = rule(c, RULE + "informational");
    assertThat(other.get("before").asString()).isEqualTo("informational");
    assertThat(other.get("after").asString()).isEqualTo("error");
    assertThat(rule(c, RULE + "notselected").get("before").isNull()).isTrue();
    assertThat(rule(c, RULE + "notselected").get("after").asString()).isEqualTo("fail");
    assertThat(rule(c, RULE + "unknown").get("after").isNull()).isTrue();
    assertThat(rule(c, RULE + "pass").get("title").asString())
        .isEqualTo("Passes on every Unix (OVAL)");
    assertThat(rule(c, RULE + "pass").get("severity").asString()).isEqualTo("low");
    assertThat(comparison(before, after, "").get("changes")).isEqualTo(c.get("changes"));

    JsonNode filtered = comparison(before, after, "?change=new&change=GONE&change=");
    assertThat(changes(filtered).values()).containsOnly("new", "gone").hasSize(4);
    assertThat(filtered.get("counts").get("total").asInt()).isEqualTo(7);
  }

  @Test
  void sincePreviousComparesWithTheLatestEarlierScanOfTheSameServerAndProfile() {
    long a = server();
    long b = server();
    long first = record(a, beforeArf, 1, ScanOrigin.NONE);
    long second = record(a, afterArf, 2, ScanOrigin.NONE);
    record(b, beforeArf, 3, ScanOrigin.NONE);
    long third = record(a, beforeArf, 4, ScanOrigin.NONE);
    record(a, afterArf, 5, ScanOrigin.NONE);
    assertThat(comparison.sincePrevious(first)).isEmpty();
    ScanDiff sinceSecond = comparison.sincePrevious(third).orElseThrow();
    assertThat(sinceSecond.before().id()).isEqualTo(second);
    assertThat(sinceSecond.after().id()).isEqualTo(third);
    // the way back: rule_pass fails → passes, the removed rule_error comes back
    Map<String, String> back = new LinkedHashMap<>();
    sinceSecond.changes().forEach(r -> back.put(r.ruleId(), r.kind().code()));
    assertThat(back)
        .containsEntry(RULE + "pass", "fail_to_pass")
        .containsEntry(RULE + "fail", "pass_to_fail")
        .containsEntry(RULE + "error", "new")
        .containsEntry(RULE + "added", "gone")
        .hasSize(7);
  }

  @Test
  void badComparisonsAreRefusedWithTheReason() {
    long a = server();
    long b = server();
    long scan = record(a, beforeArf, 1, ScanOrigin.NONE);
    long otherServer = record(b, beforeArf, 2, ScanOrigin.NONE);
    long otherBenchmark = record(a, otherArf, 3, ScanOrigin.NONE);
    String base = "/api/security-scans/" + scan + "/compare/";

    ApiClient.Response servers = api.get(base + otherServer);
    assertThat(servers.status()).isEqualTo(400);
    assertThat(servers.json().get("errors").get("otherId").asString())
        .contains("different servers");
    ApiClient.Response benchmarks = api.get(base + otherBenchmark);
    assertThat(benchmarks.status()).isEqualTo(400);
    assertThat(benchmarks.json().get("msg").asString())
        .contains("different benchmarks", CompareContent.OTHER_BENCHMARK);
    assertThat(api.get(base + scan).status()).isEqualTo(400);
    ApiClient.Response kind = api.get(base + scan + "?change=worse");
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.json().get("errors").get("change").asString())
        .contains("'worse'", "pass_to_fail", "other");
    ApiClient.Response unknown = api.get(base + 999_999);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("msg").asString()).contains("999999");
    assertThat(api.get("/api/security-scans/999999/compare/" + scan).status()).isEqualTo(404);
    assertThat(api.get(base + "abc").status()).isEqualTo(400);
    assertThat(api.get("/api/job-executions/999999/drift").status()).isEqualTo(404);
  }

  @Test
  void comparePagesShowTheChangesToAReader() throws Exception {
    long a = server();
    long b = server();
    long before = record(a, beforeArf, 1, ScanOrigin.NONE);
    long after = record(a, afterArf, 2, ScanOrigin.NONE);
    long elsewhere = record(b, beforeArf, 3, ScanOrigin.NONE);
    String page = Pages.html(mvc, "/security-scans/" + after + "/compare/" + before, "cmp-auditor");
    assertThat(page).contains("id=\"scan-before\"", "id=\"scan-after\"", "pass → fail");
    EXPECTED.keySet().forEach(rule -> assertThat(page).contains("data-rule-id=\"" + rule + "\""));

    String gone =
        Pages.html(
            mvc, "/security-scans/" + before + "/compare/" + after + "?change=gone", "cmp-auditor");
    assertThat(gone)
        .contains("data-rule-id=\"" + RULE + "error\"", "data-rule-id=\"" + RULE + "unknown\"")
        .doesNotContain("data-rule-id=\"" + RULE + "pass\"", "data-change=\"new\"");

    String report =
        Pages.html(mvc, "/infrastructure/servers/" + a + "/security/" + after, "cmp-auditor");
    assertThat(report).contains("What changed since the previous scan", "pass → fail");
    EXPECTED.keySet().forEach(rule -> assertThat(report).contains("data-rule-id=\"" + rule + "\""));
    assertThat(
            Pages.html(mvc, "/infrastructure/servers/" + a + "/security/" + before, "cmp-auditor"))
        .contains("This is the first scan of this server with this profile.");

    String pick = Pages.html(mvc, "/security-scans/" + after + "/compare", "cmp-auditor");
    assertThat(pick)
        .contains("What changed since the previous scan", "value=\"" + before + "\"")
        .contains("data-rule-id=\"" + RULE + "fail\"")
        .doesNotContain("value=\"" + elsewhere + "\"");
    MockHttpServletResponse chosen = page("/security-scans/" + after + "/compare?other=" + before);
    assertThat(chosen.getStatus()).isEqualTo(302);
    assertThat(chosen.getRedirectedUrl())
        .isEqualTo("/security-scans/" + after + "/compare/" + before);

    MockHttpServletResponse refused = page("/security-scans/" + after + "/compare/" + elsewhere);
    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getContentAsString()).contains("different servers");
    assertThat(page("/security-scans/" + after + "/compare/" + before + "?change=x").getStatus())
        .isEqualTo(400);
    assertThat(page("/security-scans/999999/compare").getStatus()).isEqualTo(404);
  }

  /**
   * The results pages print times as the other pages do ({@code 2026-12-07 09:00:05 UTC}, through
   * {@code Times}); a raw ISO instant ({@code 2026-12-07T09:00:05Z}) may only be a {@code datetime}
   * or data attribute, which the page script reads.
   */
  @Test
  void resultsPagesPrintTimesWithTheirZoneNeverRawIso() throws Exception {
    long a = server();
    long before = record(a, beforeArf, 1, ScanOrigin.NONE);
    long after = record(a, afterArf, 2, ScanOrigin.NONE);
    for (String path :
        List.of(
            "/infrastructure/servers/" + a + "/security",
            "/infrastructure/servers/" + a + "/security/" + after,
            "/security-scans/" + after + "/compare/" + before,
            "/security-scans/" + after + "/compare")) {
      String page = Pages.html(mvc, path, "cmp-auditor");
      assertThat(page).as(path).contains(" UTC<");
      String text = page.replaceAll("[a-z-]+=\"[^\"]*\"", "");
      assertThat(RAW_ISO.matcher(text).results().map(java.util.regex.MatchResult::group).toList())
          .as(path + ": raw ISO times outside attributes")
          .isEmpty();
    }
  }

  private static final java.util.regex.Pattern RAW_ISO =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

  JsonNode comparison(long id, long other, String query) {
    ApiClient.Response r = api.get("/api/security-scans/" + id + "/compare/" + other + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("comparison");
  }

  static Map<String, String> changes(JsonNode comparison) {
    Map<String, String> out = new LinkedHashMap<>();
    comparison
        .get("changes")
        .forEach(c -> out.put(c.get("ruleId").asString(), c.get("change").asString()));
    return out;
  }

  static JsonNode rule(JsonNode comparison, String ruleId) {
    for (JsonNode c : comparison.get("changes")) {
      if (c.get("ruleId").asString().equals(ruleId)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + ruleId);
  }
}
