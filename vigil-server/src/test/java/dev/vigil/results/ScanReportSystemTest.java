package dev.vigil.results;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static dev.vigil.testsupport.ScanFixtures.SSG_STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.packages.PackageService;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.Ident;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.arf.RuleResult;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.PageSessions;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A scan's full report from real oscap scans on this host (the nine-results content and Debian 11's
 * SSG standard profile): {@code /rules} over all pages is the ARF rule by rule, the counts and
 * score are the ARF's, the CSV has one line per selected rule, filters and bad input behave, the
 * HTML report is served sandboxed, and the report page shows the scan to its server only.
 */
@VigilSystemTest
class ScanReportSystemTest {

  private static final String PW = VigilSystemTest.ADMIN_PASSWORD;
  private static final Path contentRoot = SystemTestContent.newFolder("vigil-report-content");
  private static final Path runs = tempDir("vigil-report-runs");
  private static Path nineDs;
  private static Path ssgDs;
  private static Path nineArf;
  private static Path nineHtml;
  private static Path ssgArf;
  private static ReportFixtures.Target nine;
  private static SecurityScan nineScan;

  @LocalServerPort int port;
  @Autowired ResultService results;
  @Autowired PackageService packages;
  @Autowired MockMvc mvc;
  ApiClient api;
  String token;

  @BeforeAll
  static void scanThisHost() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(Files.createDirectories(contentRoot.resolve("n")));
    ssgDs = Files.copy(ScanFixtures.SSG_DEBIAN11, contentRoot.resolve("ssg-debian11-ds.xml"));
    nineArf = runs.resolve("nine-arf.xml");
    nineHtml = runs.resolve("nine-report.html");
    assertThat(
            ScanFixtures.oscapEval(nineDs, NINE_PROFILE, nineArf, "--report", nineHtml.toString()))
        .isEqualTo(2);
    ssgArf = runs.resolve("ssg-arf.xml");
    assertThat(ScanFixtures.oscapEval(ssgDs, SSG_STANDARD, ssgArf)).isIn(0, 2);
  }

  @BeforeEach
  void login() throws Exception {
    api = new ApiClient(port).login("admin", PW);
    token = ReportFixtures.token(port, "admin", PW);
    if (nine == null) {
      nine = ReportFixtures.target(api, packages, "nine", nineDs);
      nineScan = ReportFixtures.record(results, nine, nine.versionId(), nineArf, nineHtml);
    }
  }

  @Test
  void nineResultsRulesCountsScoreAndCsvAreTheArfs() throws Exception {
    assertReportIsTheArf(nineScan.id(), new ArfReader().read(nineArf), 4);
  }

  @Test
  void ssgStandardRulesCountsScoreAndCsvAreTheArfsAndTextsComeFromThePackage() throws Exception {
    ReportFixtures.Target ssg = ReportFixtures.target(api, packages, "ssg", ssgDs);
    SecurityScan scan = ReportFixtures.record(results, ssg, ssg.versionId(), ssgArf, null);
    ScanReport report = new ArfReader().read(ssgArf);
    assertThat(report.ruleResults()).hasSizeGreaterThan(300);
    assertReportIsTheArf(scan.id(), report, 250);

    JsonNode sudo =
        rules(scan.id(), "texts=true&phrase=content_rule_sudo_custom_logfile").get("rules").get(0);
    assertThat(sudo.get("rationale").asString())
        .isEqualTo("A sudo log file simplifies auditing of sudo commands.");
    assertThat(sudo.get("fixes").toString()).contains("var_sudo_logfile=&#39;/var/log/sudo.log");
    JsonNode page = rules(scan.id(), "texts=true&max=-1");
    assertThat(page.get("texts").get("available").asBoolean()).isTrue();
    assertThat(page.get("rules").toString()).contains("<code>").doesNotContain("<script");

    // Debian 11's standard profile on another release: every selected rule notapplicable, said
    // plainly; the notselected rules are hidden until asked for
    assertThat(scan.count(ResultType.NOTAPPLICABLE)).isEqualTo(scan.testCount());
    assertThat(page(path(scan), 200))
        .contains("all " + scan.testCount() + " selected rules not applicable")
        .doesNotContain("0 pass, 0 fail, 0 other")
        .contains("Show " + scan.count(ResultType.NOTSELECTED) + " not selected rules")
        .contains("Page 1 of 1 (" + scan.testCount() + " rules)");
    String html = page(path(scan) + "?phrase=sudo_custom_logfile&notselected=show", 200);
    assertThat(html)
        .contains("A sudo log file simplifies auditing of sudo commands.")
        .contains("/var/log/sudo.log");
    String second = page(path(scan) + "?page=1&notselected=show", 200);
    assertThat(second).contains("Page 2 of");
  }

  @Test
  void filtersByResultSeverityAndPhrase() throws Exception {
    ScanReport report = new ArfReader().read(nineArf);
    long id = nineScan.id();
    assertThat(ids(id, "result=fail"))
        .isEqualTo(expected(report, r -> r.result() == ResultType.FAIL));
    List<String> passOrError =
        expected(report, r -> r.result() == ResultType.PASS || r.result() == ResultType.ERROR);
    assertThat(passOrError).hasSize(2);
    assertThat(ids(id, "result=pass&result=error")).isEqualTo(passOrError);
    assertThat(ids(id, "result=PASS,error&result=fixed")).isEqualTo(passOrError);
    assertThat(ids(id, "severity=high"))
        .isEqualTo(expected(report, r -> "high".equals(r.severity())))
        .isNotEmpty();
    assertThat(ids(id, "phrase=cce-00002")).containsExactly("xccdf_dev.vigil_rule_fail");
    assertThat(ids(id, "phrase=ALWAYS%20FAILS")).containsExactly("xccdf_dev.vigil_rule_fail");
    assertThat(ids(id, "phrase=vigil_rule_notapplicable"))
        .containsExactly("xccdf_dev.vigil_rule_notapplicable");
    assertThat(ids(id, "result=fail&severity=low")).isEmpty();
    JsonNode all = rules(id, "max=-1&offset=2");
    assertThat(all.get("rules")).hasSize(report.ruleResults().size() - 2);
    assertThat(all.get("meta").get("max").asInt()).isEqualTo(-1);
    JsonNode beyond = rules(id, "offset=500");
    assertThat(beyond.get("rules")).isEmpty();
    assertThat(beyond.get("meta").get("total").asInt()).isEqualTo(report.ruleResults().size());
  }

  @Test
  void badRulesRequestsAreRefusedNamingTheParameter() {
    long id = nineScan.id();
    ApiClient.Response bad = api.get("/api/security-scans/" + id + "/rules?result=bogus");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("success").asBoolean()).isFalse();
    assertThat(bad.json().get("errors").get("result").asString())
        .contains("bogus")
        .contains("pass, fail, error, unknown, notapplicable, notchecked, notselected")
        .contains("informational, fixed");
    ApiClient.Response sev = api.get("/api/security-scans/" + id + "/rules?severity=critical");
    assertThat(sev.status()).isEqualTo(400);
    assertThat(sev.json().get("errors").get("severity").asString())
        .contains("critical")
        .contains("unknown, info, low, medium, high");
    for (String q : new String[] {"max=abc", "offset=-1", "offset=1x", "max=9999999999"}) {
      ApiClient.Response r = api.get("/api/security-scans/" + id + "/rules?" + q);
      assertThat(r.status()).as(q).isEqualTo(400);
      assertThat(r.json().get("errors").propertyNames()).as(q).hasSize(1);
    }
    assertThat(api.get("/api/security-scans/abc/rules").status()).isEqualTo(400);
    for (String p : new String[] {"/rules", "/rules.csv", "/report.html"}) {
      ApiClient.Response r = api.get("/api/security-scans/999999" + p);
      assertThat(r.status()).as(p).isEqualTo(404);
      assertThat(r.json().get("msg").asString()).as(p).contains("not found");
    }
    assertThat(ReportFixtures.get(port, null, "/api/security-scans/" + id + "/rules").statusCode())
        .isEqualTo(401);
  }

  @Test
  void htmlReportIsServedSandboxedAndOnlyWhenThereIsOne() throws Exception {
    HttpResponse<String> r =
        ReportFixtures.get(port, token, "/api/security-scans/" + nineScan.id() + "/report.html");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly("sandbox");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
    assertThat(r.body()).isEqualTo(Files.readString(nineHtml));
    HttpResponse<String> download =
        ReportFixtures.get(
            port, token, "/api/security-scans/" + nineScan.id() + "/report.html?download=true");
    assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment")
        .contains(".html");

    SecurityScan noHtml = ReportFixtures.record(results, nine, nine.versionId(), nineArf, null);
    ApiClient.Response missing = api.get("/api/security-scans/" + noHtml.id() + "/report.html");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("msg").asString()).contains("HTML report");
  }

  @Test
  void csvQuotesAndIsAnAttachment() {
    HttpResponse<String> r =
        ReportFixtures.get(port, token, "/api/security-scans/" + nineScan.id() + "/rules.csv");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body())
        .contains(
            "\r\nxccdf_dev.vigil_rule_fail,Always fails,high,fail,CCE-00002-2 CVE-0000-0002,false,\r\n");
  }

  @Test
  void textsAreUnavailableWhenThePackageVersionIsGone() throws Exception {
    ReportFixtures.Target t = ReportFixtures.target(api, packages, "gone", nineDs);
    SecurityScan scan = ReportFixtures.record(results, t, t.versionId(), nineArf, null);
    assertThat(rules(scan.id(), "texts=true").get("texts").get("available").asBoolean()).isTrue();
    assertThat(api.delete("/api/security-packages/" + t.packageId()).status()).isEqualTo(200);

    JsonNode texts = rules(scan.id(), "texts=true").get("texts");
    assertThat(texts.get("available").asBoolean()).isFalse();
    assertThat(texts.get("reason").asString()).contains("no longer available");
    assertThat(rules(scan.id(), "").get("rules")).hasSize(9);
    assertThat(page(path(scan), 200))
        .contains("Rule descriptions are unavailable: the scanned package version is no longer")
        .contains("Always fails");
  }

  @Test
  void reportPageShowsTheScanOfItsServerOnly() throws Exception {
    String html = page(path(nineScan), 200);
    assertThat(html)
        .contains("Always fails", "CCE-00002-2")
        .doesNotContain("xccdf_dev.vigil_rule_notselected")
        .contains(NINE_PROFILE, "1.3.7", "90.0 s")
        .contains("<!-- changes since previous scan: filled by the compare feature -->")
        .contains("/security-scans/" + nineScan.id() + "/arf")
        .contains("/security-scans/" + nineScan.id() + "/rules.csv")
        .contains("<iframe id=\"html-report-frame\" sandbox=\"\"");
    // notselected is hidden until asked for, by the toggle or by choosing that result
    assertThat(rows(html)).isEqualTo(8);
    assertThat(html).contains("Show 1 not selected rules");
    assertThat(rows(page(path(nineScan) + "?notselected=show", 200))).isEqualTo(9);
    assertThat(rows(page(path(nineScan) + "?result=notselected", 200))).isEqualTo(1);
    // without --remediate the "fixed" rule is a second fail
    assertThat(rows(page(path(nineScan) + "?result=fail&result=error", 200))).isEqualTo(3);
    assertThat(rows(page(path(nineScan) + "?phrase=CCE-00001", 200))).isEqualTo(1);
    assertThat(page(path(nineScan) + "?result=bogus", 400))
        .contains("result must be one of pass, fail");

    long other = ReportFixtures.server(api, "other-" + System.nanoTime());
    page("/infrastructure/servers/" + other + "/security/" + nineScan.id(), 404);
    page("/infrastructure/servers/" + nine.serverId() + "/security/999999", 404);
    page("/security-scans/999999", 404);
    MockHttpServletResponse redirect =
        mvc.perform(get("/security-scans/" + nineScan.id()).session(session()))
            .andReturn()
            .getResponse();
    assertThat(redirect.getStatus()).isEqualTo(302);
    assertThat(redirect.getRedirectedUrl()).endsWith(path(nineScan));
  }

  @Test
  void reportPageListsWhatFailedFirstBySeverityThenTheRest() throws Exception {
    String html = page(path(nineScan), 200);
    // fail (high: rule_fail, then medium: rule_fixed, a fail without --remediate), error, unknown,
    // then the other results in the order the scan recorded them
    assertThat(ruleIds(html))
        .startsWith(
            "xccdf_dev.vigil_rule_fail",
            "xccdf_dev.vigil_rule_fixed",
            "xccdf_dev.vigil_rule_error",
            "xccdf_dev.vigil_rule_unknown")
        .doesNotContain("xccdf_dev.vigil_rule_notselected")
        .hasSize(8);
    // the summary's counts are filters: each links to its result's rules
    assertThat(html)
        .contains("href=\"" + path(nineScan) + "?result=fail\" data-result=\"fail\">fail 2</a>");
    assertThat(ruleIds(page(path(nineScan) + "?result=fail", 200)))
        .containsExactly("xccdf_dev.vigil_rule_fail", "xccdf_dev.vigil_rule_fixed");
    assertThat(ruleIds(page(path(nineScan) + "?notselected=show", 200)))
        .contains("xccdf_dev.vigil_rule_notselected")
        .hasSize(9);
    assertThat(html).contains(nineScan.passCount() + " pass, " + nineScan.failCount() + " fail");
  }

  @Test
  void aScanWhoseSelectedRulesAreAllNotApplicableSaysSoPlainly() throws Exception {
    Path arf = runs.resolve("na-arf.xml");
    ScanFixtures.oscapEval(
        nineDs, NINE_PROFILE, arf, "--rule", "xccdf_dev.vigil_rule_notapplicable");
    SecurityScan na = ReportFixtures.record(results, nine, nine.versionId(), arf, null);
    assertThat(na.testCount()).isEqualTo(1);
    String html = page(path(na), 200);
    assertThat(html)
        .contains("the one selected rule is not applicable")
        .doesNotContain("0 pass, 0 fail, 0 other");
  }

  private static List<String> ruleIds(String html) {
    return java.util.regex.Pattern.compile("data-rule-id=\"([^\"]+)\"")
        .matcher(html.substring(html.indexOf("id=\"rules\"")))
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  @Test
  void pageDownloadsUseTheSessionAndTheReportMayBeFramedByVigilOnly() throws Exception {
    MockHttpSession s = session();
    MockHttpServletResponse report =
        mvc.perform(get("/security-scans/" + nineScan.id() + "/report.html").session(s))
            .andReturn()
            .getResponse();
    assertThat(report.getStatus()).isEqualTo(200);
    assertThat(report.getHeaders("Content-Security-Policy"))
        .containsExactly("sandbox; frame-ancestors 'self'");
    assertThat(report.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");
    assertThat(report.getContentAsString()).isEqualTo(Files.readString(nineHtml));

    MockHttpServletResponse page =
        mvc.perform(get(path(nineScan)).session(s)).andReturn().getResponse();
    assertThat(page.getHeaders("Content-Security-Policy")).hasSize(1);
    assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(page.getHeaders("X-Frame-Options")).containsExactly("DENY");

    MockHttpServletResponse csv =
        mvc.perform(get("/security-scans/" + nineScan.id() + "/rules.csv").session(s))
            .andReturn()
            .getResponse();
    assertThat(csv.getStatus()).isEqualTo(200);
    assertThat(csv.getContentAsString())
        .startsWith("rule_id,title,severity,result,idents,waived,waiver_id\r\n");
    MockHttpServletResponse arf =
        mvc.perform(get("/security-scans/" + nineScan.id() + "/arf").session(s))
            .andReturn()
            .getResponse();
    assertThat(arf.getContentAsByteArray()).isEqualTo(Files.readAllBytes(nineArf));
    assertThat(
            mvc.perform(get("/security-scans/" + nineScan.id() + "/report.html"))
                .andReturn()
                .getResponse()
                .getStatus())
        .as("anonymous")
        .isEqualTo(302);
  }

  private void assertReportIsTheArf(long id, ScanReport report, int pageSize) {
    List<JsonNode> got = new ArrayList<>();
    for (int offset = 0; ; offset += pageSize) {
      JsonNode page = rules(id, "max=" + pageSize + "&offset=" + offset);
      assertThat(page.get("meta").get("total").asInt()).isEqualTo(report.ruleResults().size());
      page.get("rules").forEach(got::add);
      if (page.get("rules").size() < pageSize) {
        break;
      }
    }
    assertThat(got).hasSize(report.ruleResults().size());
    for (int i = 0; i < got.size(); i++) {
      JsonNode g = got.get(i);
      RuleResult want = report.ruleResults().get(i);
      assertThat(g.get("ruleId").asString()).isEqualTo(want.ruleId());
      assertThat(g.get("result").asString()).as(want.ruleId()).isEqualTo(want.result().xccdf());
      assertThat(g.get("severity").asString()).as(want.ruleId()).isEqualTo(want.severity());
      List<String> idents = new ArrayList<>();
      g.get("idents").forEach(n -> idents.add(n.asString()));
      assertThat(idents).isEqualTo(want.idents().stream().map(Ident::value).toList());
    }
    JsonNode scan = api.get("/api/security-scans/" + id).json().get("securityScan");
    for (ResultType t : ResultType.values()) {
      assertThat(scan.get("counts").get(t.xccdf()).asInt())
          .as(t.xccdf())
          .isEqualTo(report.count(t));
    }
    double score =
        report.scores().stream()
            .filter(s -> "urn:xccdf:scoring:default".equals(s.system()))
            .findFirst()
            .orElseThrow()
            .value();
    assertThat(scan.get("scanScore").asDouble()).isEqualTo(score);
    List<String> selected = expected(report, r -> r.result() != ResultType.NOTSELECTED);
    String[] lines =
        ReportFixtures.get(port, token, "/api/security-scans/" + id + "/rules.csv")
            .body()
            .split("\r\n");
    assertThat(lines[0]).isEqualTo("rule_id,title,severity,result,idents,waived,waiver_id");
    List<String> csvIds = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      csvIds.add(lines[i].substring(0, lines[i].indexOf(',')));
    }
    assertThat(csvIds).isEqualTo(selected);
    assertThat(scan.get("testCount").asInt()).isEqualTo(selected.size());
  }

  private static List<String> expected(ScanReport report, Predicate<RuleResult> p) {
    return report.ruleResults().stream().filter(p).map(RuleResult::ruleId).toList();
  }

  private List<String> ids(long scanId, String query) {
    List<String> out = new ArrayList<>();
    rules(scanId, query + "&max=-1").get("rules").forEach(r -> out.add(r.get("ruleId").asString()));
    return out;
  }

  private JsonNode rules(long scanId, String query) {
    ApiClient.Response r = api.get("/api/security-scans/" + scanId + "/rules?" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String path(SecurityScan scan) {
    return "/infrastructure/servers/" + scan.serverId() + "/security/" + scan.id();
  }

  private MockHttpSession session() throws Exception {
    return PageSessions.login(mvc, "admin", PW);
  }

  private String page(String path, int status) throws Exception {
    MockHttpServletResponse r = mvc.perform(get(path).session(session())).andReturn().getResponse();
    assertThat(r.getStatus()).as(path).isEqualTo(status);
    return r.getContentAsString();
  }

  private static int rows(String html) {
    return html.split("data-rule-id=", -1).length - 1;
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
