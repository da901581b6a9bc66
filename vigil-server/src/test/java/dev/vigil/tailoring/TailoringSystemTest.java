package dev.vigil.tailoring;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.RuleResult;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.scap.tailoring.TailoredProfile;
import dev.vigil.scap.tailoring.TailoringReader;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Tailorings end to end on real parts: SSG Debian 11 content, a real sshd whose oscap looks at a
 * scratch tree that says Debian 11 (realistic failures; nothing is ever remediated), the REST API.
 * A tailored scan over SSH gives exactly what {@code oscap xccdf eval --tailoring-file} gives by
 * hand, rule by rule; an {@code autotailor} file round-trips; bad files and bad input are refused
 * naming the problem; a package refresh reports rules that no longer exist.
 */
@VigilSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TailoringSystemTest {

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;
  static final String NS = "xccdf_org.ssgproject.content_";
  static final String STANDARD = NS + "profile_standard";
  static final String DESELECTED = NS + "rule_package_cron_installed";
  static final String VALUE = NS + "value_sshd_idle_timeout_value";

  static final Path root = SystemTestContent.newFolder("vigil-tailoringsystemtest");
  static Path ds;
  static Path probeRoot;
  static Path bin;
  static SshdHarness sshd;
  static long pkg;
  static long server;

  @LocalServerPort int port;
  ApiClient api;
  FleetApi fleet;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    ds = Files.copy(ScanFixtures.SSG_DEBIAN11, root.resolve("ssg-debian11-ds.xml"));
    probeRoot = Files.createDirectories(root.resolve("debian11-root"));
    Files.createDirectories(probeRoot.resolve("etc/ssh"));
    Files.writeString(probeRoot.resolve("etc/debian_version"), "11.9\n");
    Files.writeString(probeRoot.resolve("etc/ssh/sshd_config"), "ClientAliveInterval 600\n");
    bin = Files.createDirectories(root.resolve("probe-bin"));
    Path oscap = bin.resolve("oscap");
    // the target's oscap looks at the scratch tree; nothing here ever runs --remediate
    Files.writeString(
        oscap, "#!/bin/sh\nOSCAP_PROBE_ROOT='" + probeRoot + "' exec /usr/bin/oscap \"$@\"\n");
    oscap.toFile().setExecutable(true, false);
    sshd =
        SshdHarness.startWithConfig(
            List.of(
                "SetEnv PATH="
                    + bin
                    + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
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
    fleet = new FleetApi(api);
    if (pkg == 0) {
      pkg = fleet.readyPackage("tailoring-ssg-debian11", ds);
      server = fleet.sshServer("tailoring-target", sshd);
    }
  }

  @Test
  @Order(1)
  void aTailoredScanOverSshIsExactlyWhatOscapGivesByHandRuleByRule() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/security-tailorings",
            "{\"securityTailoring\":{\"name\":\"Standard, cron optional\","
                + "\"securityPackage\":{\"id\":"
                + pkg
                + "},\"scanPath\":\"ssg-debian11-ds.xml\",\"baseProfile\":\""
                + STANDARD
                + "\",\"rules\":{\""
                + DESELECTED
                + "\":false},\"values\":{\""
                + VALUE
                + "\":\"900\"}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode t = created.json().get("securityTailoring");
    long tailoring = t.get("id").asLong();
    String profile = t.get("profileId").asString();
    assertThat(profile).isEqualTo(NS + "profile_vigil_standard_cron_optional");
    assertThat(t.get("version").asInt()).isOne();
    assertThat(t.get("title").asString()).contains("Standard").contains("[tailored:");

    // the Morpheus client always sends a profile: the tailoring wins
    long job =
        createJob(
            "tailored-job",
            "\"securityProfile\":\""
                + STANDARD
                + "\",\"securityTailoring\":{\"id\":"
                + tailoring
                + "}");
    JsonNode jobJson = api.get("/api/jobs/" + job).json().get("job");
    assertThat(jobJson.get("securityTailoring").get("id").asLong()).isEqualTo(tailoring);

    long execution = fleet.execute(job);
    // a change after the execution started reaches only later executions: the plan pinned v1
    ApiClient.Response changed =
        api.put(
            "/api/security-tailorings/" + tailoring,
            "{\"securityTailoring\":{\"values\":{\"" + VALUE + "\":\"1800\"}}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("securityTailoring").get("version").asInt()).isEqualTo(2);
    JsonNode ended = fleet.awaitEnd(execution, Duration.ofMinutes(3));
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
    long scan = scanOf(execution);

    JsonNode scanJson = api.get("/api/security-scans/" + scan).json().get("securityScan");
    assertThat(scanJson.get("profileId").asString()).isEqualTo(profile);
    assertThat(scanJson.get("profileTitle").asString()).isEqualTo(t.get("title").asString());
    JsonNode scanTailoring = scanJson.get("tailoring");
    assertThat(scanTailoring.get("id").asLong()).isEqualTo(tailoring);
    assertThat(scanTailoring.get("version").asInt()).isOne();
    assertThat(scanTailoring.get("values").get(VALUE).asString()).isEqualTo("900");
    assertThat(scanTailoring.get("rules").get(DESELECTED).asBoolean()).isFalse();

    // by hand: the version-1 file, oscap on this host over the same scratch tree
    Path v1 = root.resolve("tailoring-v1.xml");
    Files.writeString(v1, versionOne(tailoring));
    ScanReport byHand = oscapByHand(v1, profile, root.resolve("by-hand-arf.xml"));
    Map<String, String> expected = results(byHand);
    Map<String, String> actual = scanRules(scan);
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(expected.get(DESELECTED)).isEqualTo("notselected");
    assertThat(expected.values()).contains("fail").contains("pass");
    assertThat(Files.readString(root.resolve("by-hand-arf.xml")))
        .contains("idref=\"" + VALUE + "\">900<");
    // and the shipped profile fails the deselected rule
    ScanReport shipped = oscapByHand(null, STANDARD, root.resolve("shipped-arf.xml"));
    assertThat(results(shipped).get(DESELECTED)).isEqualTo("fail");
  }

  @Test
  @Order(2)
  void anAutotailorFileRoundTripsThroughUploadAndDownload() throws Exception {
    Path file = root.resolve("autotailored.xml");
    run(
        "/usr/bin/autotailor",
        "-o",
        file.toString(),
        "-p",
        "vigil_upload",
        "--title",
        "Uploaded <policy>",
        "-u",
        NS + "rule_sshd_disable_root_login",
        "-s",
        NS + "rule_accounts_maximum_age_login_defs",
        "-v",
        "var_accounts_maximum_age_login_defs=60",
        ds.toString(),
        "standard");
    TailoredProfile sent = read(Files.readString(file));

    ApiClient.Response up =
        upload("autotailored", file.getFileName().toString(), Files.readAllBytes(file));
    assertThat(up.status()).as(up.body()).isEqualTo(200);
    JsonNode t = up.json().get("securityTailoring");
    assertThat(t.get("name").asString()).isEqualTo("autotailored");
    assertThat(t.get("title").asString()).isEqualTo("Uploaded <policy>");
    ApiClient.Response down = api.get("/api/security-tailorings/" + t.get("id").asLong() + "/file");
    assertThat(down.status()).isEqualTo(200);
    TailoredProfile back = read(down.body());

    assertThat(back.profileId()).isEqualTo(sent.profileId());
    assertThat(back.extendsProfile()).isEqualTo(sent.extendsProfile());
    assertThat(back.title()).isEqualTo(sent.title());
    assertThat(back.rules()).isEqualTo(sent.rules()).hasSize(2);
    assertThat(back.values())
        .isEqualTo(sent.values())
        .containsEntry(NS + "value_var_accounts_maximum_age_login_defs", "60");
    assertThat(down.body()).doesNotContain("file://");
  }

  @Test
  @Order(3)
  void badTailoringFilesAreRefusedNamingTheProblem() throws Exception {
    String nine =
        "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"xccdf_t_tailoring_n\">"
            + "<benchmark href=\"file:///etc/passwd\"/><Profile id=\"xccdf_dev.vigil_profile_t\""
            + " extends=\"xccdf_dev.vigil_profile_nine-results\"><select"
            + " idref=\"xccdf_dev.vigil_rule_pass\" selected=\"false\"/></Profile></Tailoring>";
    assertRefused(nine, "baseProfile", "another benchmark");
    String unknown =
        "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"xccdf_t_tailoring_n\">"
            + "<Profile id=\""
            + NS
            + "profile_t\" extends=\""
            + STANDARD
            + "\"><select idref=\""
            + NS
            + "rule_no_such_rule\" selected=\"false\"/></Profile></Tailoring>";
    assertRefused(unknown, "rules", "unknown rule: " + NS + "rule_no_such_rule");
    assertRefused(
        "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\"><Profile",
        "file",
        "not well-formed XML");
    assertRefused(
        "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\">&x;</Tailoring>",
        "file",
        "DOCTYPE");
    ApiClient.Response none = upload("no-file", null, null);
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("errors").get("file").asString()).contains("no tailoring file");
    long before =
        api.get("/api/security-tailorings?max=-1").json().get("meta").get("total").asLong();
    assertThat(before).isEqualTo(2);
  }

  @Test
  @Order(4)
  void badApiInputIsRefusedNamingTheField() {
    String base = "\"securityPackage\":{\"id\":" + pkg + "},\"scanPath\":\"ssg-debian11-ds.xml\"";
    assertBad("{}", "securityTailoring", "{\"securityTailoring\": {...}}");
    assertBad(body("\"name\":\"x\"," + base), "baseProfile", "is required");
    assertBad(
        body("\"name\":\"x\",\"baseProfile\":\"" + STANDARD + "\""),
        "securityPackage",
        "is required");
    assertBad(body("\"baseProfile\":\"" + STANDARD + "\"," + base), "name", "is required");
    assertBad(
        body(
            "\"name\":\"x\",\"baseProfile\":\""
                + STANDARD
                + "\",\"securityPackage\":{\"id\":999999},\"scanPath\":\"a.xml\""),
        "securityPackage",
        "no security package 999999");
    assertBad(
        body(
            "\"name\":\"x\",\"baseProfile\":\""
                + STANDARD
                + "\",\"securityPackage\":{\"id\":"
                + pkg
                + "},\"scanPath\":\"nope.xml\""),
        "scanPath",
        "no checklist nope.xml");
    assertBad(
        body("\"name\":\"x\",\"baseProfile\":\"" + NS + "profile_nope\"," + base),
        "baseProfile",
        "profile " + NS + "profile_nope is not in");
    assertBad(
        body(
            "\"name\":\"x\",\"baseProfile\":\""
                + STANDARD
                + "\","
                + base
                + ",\"values\":{\""
                + VALUE
                + "\":\"soon\"}"),
        "values",
        "must be a number, got \"soon\"");
    assertBad(
        body(
            "\"name\":\"x\",\"baseProfile\":\""
                + STANDARD
                + "\","
                + base
                + ",\"rules\":{\""
                + DESELECTED
                + "\":\"maybe\"}"),
        "securityTailoring.rules." + DESELECTED,
        "true or false");
    assertBad(
        body(
            "\"name\":\"x\",\"baseProfile\":\""
                + STANDARD
                + "\","
                + base
                + ",\"profileId\":\"not an id\""),
        "profileId",
        "is not an XCCDF 1.2 profile id");
    assertBad(
        body("\"name\":\"Standard, cron optional\",\"baseProfile\":\"" + STANDARD + "\"," + base),
        "name",
        "must be unique");
    ApiClient.Response job =
        api.post(
            "/api/jobs",
            "{\"job\":{\"name\":\"bad-tailoring-job\",\"targetType\":\"server\","
                + "\"targets\":[{\"refId\":"
                + server
                + "}],"
                + base
                + ",\"securityProfile\":\""
                + STANDARD
                + "\",\"scheduleMode\":\"manual\",\"securityTailoring\":{\"id\":424242}}}");
    assertThat(job.status()).isEqualTo(400);
    assertThat(job.json().get("errors").get("securityTailoring").asString())
        .isEqualTo("unknown security tailoring 424242");
    ApiClient.Response shape =
        api.post(
            "/api/jobs",
            "{\"job\":{\"name\":\"bad-tailoring-job\",\"targetType\":\"server\","
                + "\"targets\":[{\"refId\":"
                + server
                + "}],"
                + base
                + ",\"securityProfile\":\""
                + STANDARD
                + "\",\"scheduleMode\":\"manual\",\"securityTailoring\":[1]}}");
    assertThat(shape.status()).isEqualTo(400);
    assertThat(shape.json().get("errors").get("securityTailoring").asString())
        .contains("{\"id\": 3}");
    assertThat(api.get("/api/security-tailorings/424242").status()).isEqualTo(404);
    assertThat(api.get("/api/security-tailorings?securityPackage=abc").status()).isEqualTo(400);
  }

  @Test
  @Order(5)
  void aPackageRefreshReportsRulesThatNoLongerExistAndKeepsThem() throws Exception {
    Path copy = Files.copy(ds, root.resolve("refresh-ds.xml"), REPLACE_EXISTING);
    long refreshed = fleet.readyPackage("tailoring-refresh", copy);
    ApiClient.Response created =
        api.post(
            "/api/security-tailorings",
            body(
                "\"name\":\"keeps cron\",\"baseProfile\":\""
                    + STANDARD
                    + "\",\"securityPackage\":{\"id\":"
                    + refreshed
                    + "},\"scanPath\":\"refresh-ds.xml\",\"rules\":{\""
                    + DESELECTED
                    + "\":false}"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    long id = created.json().get("securityTailoring").get("id").asLong();
    assertThat(created.json().get("securityTailoring").get("problems")).isEmpty();

    // the new version renames the rule
    String text = Files.readString(copy);
    Files.writeString(
        copy, text.replace("rule_package_cron_installed", "rule_package_cronie_installed"));
    ApiClient.Response r = api.post("/api/security-packages/" + refreshed + "/refresh", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    awaitVersion(refreshed, 2);

    JsonNode t = api.get("/api/security-tailorings/" + id).json().get("securityTailoring");
    assertThat(t.get("problems").toString())
        .contains("rule " + DESELECTED + " no longer exists in package version 2");
    assertThat(t.get("rules").get(DESELECTED).asBoolean()).isFalse();
  }

  @Test
  @Order(6)
  void pagesCreateSearchToggleSetAValueUploadAndDownloadInTheBrowser() throws Exception {
    Browser.requireChromium();
    String base = "http://127.0.0.1:" + port;
    String page = base + "/provisioning/jobs/security-tailorings";
    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.login(base, "admin", ADMIN_PASSWORD).driver();
      d.get(page + "/new");
      new Select(d.findElement(By.id("pick-package"))).selectByValue(String.valueOf(pkg));
      d.findElement(By.id("choose")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  !d.findElements(By.id("pick-path")).isEmpty()
                      && d.findElement(By.id("pick-path"))
                          .getText()
                          .contains("ssg-debian11-ds.xml"));
      new Select(d.findElement(By.id("pick-path"))).selectByValue("ssg-debian11-ds.xml");
      d.findElement(By.id("choose")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !d.findElements(By.id("baseProfile")).isEmpty());
      new Select(d.findElement(By.id("baseProfile"))).selectByValue(STANDARD);
      d.findElement(By.id("name")).sendKeys("Browser <made>");
      d.findElement(By.id("save")).click();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !d.findElements(By.id("rule-search")).isEmpty());
      long id =
          Long.parseLong(
              d.getCurrentUrl().replaceAll(".*/security-tailorings/(\\d+)/edit.*", "$1"));

      d.findElement(By.id("q")).sendKeys("root login");
      d.findElement(By.id("search")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> d.getCurrentUrl().contains("q=root"));
      String rule = NS + "rule_sshd_disable_root_login";
      WebElement row = d.findElement(By.cssSelector("#rule-rows tr[data-rule='" + rule + "']"));
      assertThat(row.getText()).contains("Disable SSH Root Login");
      new Select(row.findElement(By.tagName("select"))).selectByValue("deselect");
      d.findElement(By.id("save")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !d.findElements(By.id("tailored-rules")).isEmpty());
      assertThat(
              d.findElement(By.cssSelector("#tailored-rules tr[data-rule='" + rule + "'] .state"))
                  .getText())
          .isEqualTo("deselected");

      d.findElement(By.id("edit-tailoring")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> !d.findElements(By.id("q")).isEmpty());
      d.findElement(By.id("q")).sendKeys("idle time");
      d.findElement(By.id("search")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> d.getCurrentUrl().contains("q=idle"));
      WebElement value =
          d.findElement(By.cssSelector("#value-rows tr[data-value='" + VALUE + "'] input"));
      assertThat(value.getAttribute("type")).isEqualTo("number");
      // the selector choices of the Value are offered
      assertThat(
              d.findElements(
                  By.cssSelector("#value-rows tr[data-value='" + VALUE + "'] datalist option")))
          .extracting(o -> o.getAttribute("value"))
          .contains("900", "1800");
      value.sendKeys("1800");
      d.findElement(By.id("save")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !d.findElements(By.id("tailored-values")).isEmpty());
      assertThat(
              d.findElement(By.cssSelector("#tailored-values tr[data-value='" + VALUE + "'] .set"))
                  .getText())
          .isEqualTo("1800");
      // the rule change made before is still there, as version 3 (create, rule, value)
      assertThat(d.findElement(By.id("tailoring-version")).getText()).isEqualTo("3");
      JsonNode t = api.get("/api/security-tailorings/" + id).json().get("securityTailoring");
      assertThat(t.get("name").asString()).isEqualTo("Browser <made>");
      assertThat(t.get("rules").get(rule).asBoolean()).isFalse();
      assertThat(t.get("values").get(VALUE).asString()).isEqualTo("1800");

      // the list shows it, name escaped
      d.get(page);
      assertThat(
              d.findElement(By.cssSelector("#tailoring-list tr[data-id='" + id + "']")).getText())
          .contains("Browser <made>");
      // the download link serves the XCCDF file
      String href = d.findElement(By.linkText("Browser <made>")).getAttribute("href");
      d.get(href);
      assertThat(d.findElement(By.id("download-tailoring")).getAttribute("href"))
          .endsWith("/api/security-tailorings/" + id + "/file");

      // upload a bad file: a readable page naming the problem
      d.get(page + "/upload");
      Path bad = root.resolve("doctype.xml");
      Files.writeString(bad, "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x \"y\">]><Tailoring/>");
      new Select(d.findElement(By.id("securityPackage"))).selectByValue(String.valueOf(pkg));
      d.findElement(By.id("scanPath")).sendKeys("ssg-debian11-ds.xml");
      d.findElement(By.id("file")).sendKeys(bad.toString());
      d.findElement(By.id("upload")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !d.findElements(By.id("upload-errors")).isEmpty());
      assertThat(d.findElement(By.id("upload-errors")).getText()).contains("DOCTYPE");
    }
  }

  private void awaitVersion(long pkgId, int version) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode p = api.get("/api/security-packages/" + pkgId).json().get("securityPackage");
      JsonNode current = p.get("currentVersion");
      if (current != null
          && !current.isNull()
          && current.get("version").asInt() == version
          && p.get("status").asString().equals("ready")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("package " + pkgId + " never reached version " + version);
  }

  private void assertRefused(String file, String field, String message) {
    ApiClient.Response r = upload("bad", "bad.xml", file.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("msg").asString()).contains(message);
    assertThat(r.json().get("errors").get(field).asString()).contains(message);
  }

  private void assertBad(String body, String field, String message) {
    ApiClient.Response r = api.post("/api/security-tailorings", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("errors").get(field).asString()).as(r.body()).contains(message);
  }

  private static String body(String fields) {
    return "{\"securityTailoring\":{" + fields + "}}";
  }

  private ApiClient.Response upload(String name, String fileName, byte[] file) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("securityPackage", String.valueOf(pkg));
    fields.put("scanPath", "ssg-debian11-ds.xml");
    return api.postMultipart("/api/security-tailorings", fields, fileName, file);
  }

  private long createJob(String name, String content) {
    ApiClient.Response r =
        api.post(
            "/api/jobs",
            "{\"job\":{\"name\":\""
                + name
                + "\",\"targetType\":\"server\",\"targets\":[{\"refId\":"
                + server
                + "}],\"securityPackage\":{\"id\":"
                + pkg
                + "},\"scanPath\":\"ssg-debian11-ds.xml\","
                + content
                + ",\"scheduleMode\":\"manual\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("job").get("id").asLong();
  }

  private long scanOf(long execution) {
    JsonNode e = api.get("/api/job-executions/" + execution).json().get("jobExecution");
    for (JsonNode ev : e.get("process").get("events")) {
      if (ev.has("scanId") && !ev.get("scanId").isNull()) {
        return ev.get("scanId").asLong();
      }
    }
    throw new AssertionError("no scan in " + e);
  }

  private String versionOne(long tailoring) throws Exception {
    // version 1 is what the execution pinned; the current file is version 2
    String current = api.get("/api/security-tailorings/" + tailoring + "/file").body();
    assertThat(current).contains(">1800<");
    return current.replace(">1800<", ">900<");
  }

  private Map<String, String> scanRules(long scan) {
    JsonNode rules = api.get("/api/security-scans/" + scan + "/rules?max=-1").json().get("rules");
    Map<String, String> out = new LinkedHashMap<>();
    rules.forEach(r -> out.put(r.get("ruleId").asString(), r.get("result").asString()));
    return out;
  }

  private static Map<String, String> results(ScanReport report) {
    Map<String, String> out = new LinkedHashMap<>();
    for (RuleResult r : report.ruleResults()) {
      out.put(r.ruleId(), r.result().xccdf());
    }
    return out;
  }

  private static ScanReport oscapByHand(Path tailoring, String profile, Path arf) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/oscap", "xccdf", "eval"));
    if (tailoring != null) {
      cmd.addAll(List.of("--tailoring-file", tailoring.toString()));
    }
    cmd.addAll(List.of("--profile", profile, "--results-arf", arf.toString(), ds.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OSCAP_PROBE_ROOT", probeRoot.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isIn(0, 2);
    return new ArfReader().read(arf);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static TailoredProfile read(String xml) throws Exception {
    return TailoringReader.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
