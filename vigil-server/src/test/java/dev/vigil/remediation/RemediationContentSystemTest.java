package dev.vigil.remediation;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

/**
 * Remediation content of a real SSG scan: SSG's Debian 11 standard profile scanned over a real sshd
 * by a real oscap that looks at a scratch tree ({@code OSCAP_PROBE_ROOT}), so that it fails
 * realistically. The fixes are only generated and checked as text here: nothing of them runs.
 */
@VigilSystemTest
class RemediationContentSystemTest {

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;
  static final String SSG_RULE = "xccdf_org.ssgproject.content_rule_";

  /** The rule an approved waiver of the test covers on the scanned server. */
  static final String WAIVED = SSG_RULE + "package_audit_installed";

  static final Path contentRoot = SystemTestContent.newFolder("vigil-remediationcontentsystemtest");
  static SshdHarness sshd;
  static long scanId;
  static long executionId;
  static long serverId;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;

  @BeforeAll
  static void target() throws IOException {
    ScanFixtures.requireScanning();
    Path probeRoot = Files.createDirectories(contentRoot.resolve("debian11-root/etc")).getParent();
    Files.writeString(probeRoot.resolve("etc/debian_version"), "11.9\n");
    Path bin = Files.createDirectories(contentRoot.resolve("probe-bin"));
    Path oscap = bin.resolve("oscap");
    // the target's oscap looks at a scratch tree that says Debian 11; never used with --remediate
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

  private ApiClient admin() {
    return new ApiClient(port).login("admin", ADMIN_PASSWORD);
  }

  /** One scan of SSG's Debian 11 standard profile, made once for the class. */
  private synchronized long scan() throws IOException {
    if (scanId == 0) {
      ApiClient api = admin();
      FleetApi fleet = new FleetApi(api);
      Path ds =
          Files.copy(
              ScanFixtures.SSG_DEBIAN11,
              contentRoot.resolve("ssg-debian11-ds.xml"),
              REPLACE_EXISTING);
      long server = fleet.sshServer("remediation-ssg", sshd);
      serverId = server;
      long job =
          fleet.job(
              "remediation-ssg",
              fleet.readyPackage("remediation-ssg", ds),
              ds.getFileName().toString(),
              ScanFixtures.SSG_STANDARD,
              List.of(server),
              1);
      executionId = fleet.execute(job);
      JsonNode e = fleet.awaitEnd(executionId, Duration.ofMinutes(5));
      assertThat(e.get("status").asString()).as(e.toString()).isEqualTo("complete");
      JsonNode scans = api.get("/api/security-scans?serverId=" + server).json();
      scanId = scans.get("securityScans").get(0).get("id").asLong();
      TestUsers.create(api, "rem-auditor", "rem-auditor-pw-1", "Auditor");
      TestUsers.create(api, "rem-requester", "rem-requester-pw-1", "Security Operator");
      ApiClient requester = new ApiClient(port).login("rem-requester", "rem-requester-pw-1");
      ApiClient.Response w =
          requester.post(
              "/api/security-waivers",
              "{\"securityWaiver\":{\"name\":\"audit elsewhere\",\"reason\":\"central audit\","
                  + "\"ticket\":\"T-1\",\"expiresAt\":\""
                  + java.time.Instant.now().plus(Duration.ofDays(100))
                  + "\",\"ruleIds\":[\""
                  + WAIVED
                  + "\"],\"scope\":{\"type\":\"server\",\"id\":"
                  + server
                  + "}}}");
      assertThat(w.status()).as(w.body()).isEqualTo(200);
      long waiver = w.json().get("securityWaiver").get("id").asLong();
      ApiClient.Response ok =
          api.put("/api/security-waivers/" + waiver + "/approve", "{\"reason\":\"agreed\"}");
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }
    return scanId;
  }

  @Test
  void theBashScriptPassesBashNAndFixesEveryFailedRuleOscapHasAFixForButTheWaivedOne()
      throws Exception {
    long scan = scan();
    ApiClient api = admin();
    Set<String> failed = failedRules(api, scan);
    assertThat(failed).contains(WAIVED).hasSizeGreaterThan(5);

    HttpResponse<String> r = raw(api, "/api/security-scans/" + scan + "/remediation?type=bash");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment")
        .contains("security-scan-" + scan + "-remediation.sh");
    String script = r.body();
    assertThat(script)
        .startsWith("#!/usr/bin/env bash\n# Vigil remediation (bash) for security scan " + scan);
    assertThat(script)
        .contains("# Profile: " + ScanFixtures.SSG_STANDARD)
        .contains("# Benchmark: xccdf_org.ssgproject.content_benchmark_DEBIAN-11")
        .contains("# Failed rules fixed here (" + (failed.size() - 1) + "):")
        .contains("# Failed rules left out as waived (1):\n#   " + WAIVED + "\n")
        .containsPattern("# Generated: \\d{4}-\\d\\d-\\d\\dT");
    assertThat(bashN(script)).as("bash -n").isZero();

    Map<String, Boolean> ours = bashBlocks(script);
    assertThat(ours.keySet()).doesNotContain(WAIVED);
    Set<String> expectedRules = new LinkedHashSet<>(failed);
    expectedRules.remove(WAIVED);
    assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(expectedRules);

    // oscap by hand on the scan's own ARF: the same fixes, plus the waived rule's
    Map<String, Boolean> direct = bashBlocks(oscapFix(api, scan, "bash"));
    assertThat(direct.keySet()).containsExactlyInAnyOrderElementsOf(failed);
    long fixable = ours.values().stream().filter(b -> b).count();
    long directFixable =
        direct.entrySet().stream().filter(e -> e.getValue() && !e.getKey().equals(WAIVED)).count();
    assertThat(fixable).isPositive().isEqualTo(directFixable);
  }

  @Test
  void theAnsiblePlaybookParsesAsYamlWithOneTaskBlockPerFixableRule() throws Exception {
    long scan = scan();
    ApiClient api = admin();
    Set<String> failed = failedRules(api, scan);
    HttpResponse<String> r = raw(api, "/api/security-scans/" + scan + "/remediation?type=ansible");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
    String playbook = r.body();
    assertThat(playbook).startsWith("---\n# Vigil remediation (ansible) for security scan " + scan);

    Set<String> ours = taggedRules(playbook, failed);
    Set<String> direct = taggedRules(oscapFix(api, scan, "ansible"), failed);
    assertThat(direct).as("the waived rule has a fix oscap would give").contains(WAIVED);
    Set<String> expected = new LinkedHashSet<>(direct);
    expected.remove(WAIVED);
    assertThat(ours).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void anExecutionsFixesAreItsScansFixesAndTheReportPageLinksThem() throws Exception {
    long scan = scan();
    ApiClient api = admin();
    HttpResponse<String> e =
        raw(api, "/api/job-executions/" + executionId + "/remediation?type=bash");
    assertThat(e.statusCode()).as(e.body()).isEqualTo(200);
    assertThat(e.body()).contains("# Vigil remediation (bash) for security scan " + scan);
    String scanScript = raw(api, "/api/security-scans/" + scan + "/remediation").body();
    assertThat(bashBlocks(e.body())).isEqualTo(bashBlocks(scanScript));

    String report =
        Pages.html(mvc, "/infrastructure/servers/" + serverId + "/security/" + scan, "rem-auditor");
    assertThat(report)
        .contains("href=\"/security-scans/" + scan + "/remediation?type=bash\"")
        .contains("href=\"/security-scans/" + scan + "/remediation?type=ansible\"");
    String execution =
        Pages.html(mvc, "/provisioning/jobs/executions/" + executionId, "rem-auditor");
    assertThat(execution)
        .contains(
            "href=\"/provisioning/jobs/executions/" + executionId + "/remediation?type=ansible\"");
  }

  @Test
  void badInputIsRefusedNamingWhatIsWrong() throws Exception {
    long scan = scan();
    ApiClient api = admin();
    ApiClient.Response puppet = api.get("/api/security-scans/" + scan + "/remediation?type=puppet");
    assertThat(puppet.status()).isEqualTo(400);
    assertThat(puppet.json().get("success").asBoolean()).isFalse();
    assertThat(puppet.json().get("msg").asString())
        .contains("unsupported remediation type 'puppet'")
        .contains("bash, ansible");
    assertThat(puppet.json().get("errors").get("type").asString()).contains("puppet");
    ApiClient.Response execPuppet =
        api.get("/api/job-executions/" + executionId + "/remediation?type=kubernetes");
    assertThat(execPuppet.status()).isEqualTo(400);
    assertThat(execPuppet.json().get("msg").asString()).contains("'kubernetes'");
    ApiClient.Response missing = api.get("/api/security-scans/987654/remediation?type=bash");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("msg").asString()).contains("987654");
    ApiClient.Response missingExec = api.get("/api/job-executions/987654/remediation");
    assertThat(missingExec.status()).isEqualTo(404);
    ApiClient.Response notANumber = api.get("/api/security-scans/abc/remediation");
    assertThat(notANumber.status()).isEqualTo(400);
  }

  private static Set<String> failedRules(ApiClient api, long scan) {
    JsonNode results =
        api.get("/api/security-scans/" + scan + "/rules?result=fail&max=1000").json();
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode r : results.get("rules")) {
      out.add(r.get("ruleId").asString());
    }
    assertThat(results.get("meta").get("total").asInt()).isEqualTo(out.size());
    return out;
  }

  /** Rule id → whether its block holds a fix (oscap writes a "MISSING" line for the others). */
  static Map<String, Boolean> bashBlocks(String script) {
    Matcher m =
        Pattern.compile(
                "# BEGIN fix \\(\\d+ / \\d+\\) for '([^']+)'\\n(.*?)# END fix for '\\1'",
                Pattern.DOTALL)
            .matcher(script);
    Map<String, Boolean> out = new java.util.LinkedHashMap<>();
    while (m.find()) {
      out.put(m.group(1), !m.group(2).contains("IS MISSING!"));
    }
    return out;
  }

  /** The failed rules that some task of the playbook is tagged with (SSG tags the short id). */
  @SuppressWarnings("unchecked")
  static Set<String> taggedRules(String playbook, Set<String> failed) {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(playbook);
    List<Map<String, Object>> plays = (List<Map<String, Object>>) doc;
    Set<String> tags = new LinkedHashSet<>();
    for (Map<String, Object> play : plays) {
      for (Map<String, Object> task : (List<Map<String, Object>>) play.get("tasks")) {
        Object t = task.get("tags");
        if (t instanceof List<?> l) {
          l.forEach(x -> tags.add(String.valueOf(x)));
        }
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (String rule : failed) {
      if (tags.contains(rule.substring(SSG_RULE.length())) || tags.contains(rule)) {
        out.add(rule);
      }
    }
    return out;
  }

  private String oscapFix(ApiClient api, long scan, String type) throws Exception {
    Path dir = Files.createTempDirectory(contentRoot, "direct");
    Path arf = dir.resolve("arf.xml");
    HttpResponse<Path> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + port + "/api/security-scans/" + scan + "/arf"))
                    .header("Authorization", "Bearer " + api.token())
                    .build(),
                HttpResponse.BodyHandlers.ofFile(arf));
    assertThat(r.statusCode()).isEqualTo(200);
    String resultId = testResultId(arf);
    Path out = dir.resolve("fix." + type);
    List<String> command =
        new ArrayList<>(
            List.of(
                "oscap",
                "xccdf",
                "generate",
                "fix",
                "--result-id",
                resultId,
                "--fix-type",
                type,
                "--output",
                out.toString(),
                arf.toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return Files.readString(out);
  }

  private static String testResultId(Path arf) throws IOException {
    Matcher m = Pattern.compile("<TestResult [^>]*id=\"([^\"]+)\"").matcher(Files.readString(arf));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static int bashN(String script) throws Exception {
    Path f = Files.createTempFile(contentRoot, "fix", ".sh");
    Files.writeString(f, script);
    // syntax only: bash -n reads the script and executes nothing
    Process p =
        new ProcessBuilder("bash", "-n", f.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private HttpResponse<String> raw(ApiClient api, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + api.token())
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-remediation-content");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
