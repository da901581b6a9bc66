package dev.vigil.compliance;

import static dev.vigil.compliance.ComplianceContent.BENCHMARK;
import static dev.vigil.compliance.ComplianceContent.TOGGLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.TestUsers;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * Waivers over real scans (real oscap over a real sshd): a server whose only failure is waived is
 * compliant — status, score with and without waivers, the rules API, the CSV and the report page —
 * until the waiver is revoked or expires (settable clock), without a rescan; who may request,
 * approve, reject and revoke; the history of every step; and every bad input named.
 */
abstract class WaiverFlow extends ComplianceSystemBase {

  static final String TOGGLE_RULE = "xccdf_dev.vigil_rule_toggle";
  static final String PASS_RULE = "xccdf_dev.vigil_rule_pass";
  private static final Set<Integer> approverMadeOn = ConcurrentHashMap.newKeySet();

  final java.util.Map<String, Long> jobs = new java.util.HashMap<>();

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.context.ConfigurableApplicationContext context;

  /** Every WaiverChanged the application published, in order. */
  static final List<dev.vigil.waivers.WaiverChanged> events =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private static final Set<Integer> listening = ConcurrentHashMap.newKeySet();

  ApiClient ops;
  ApiClient auditor;
  ApiClient approver;

  @BeforeEach
  void roles() {
    if (approverMadeOn.add(port)) {
      TestUsers.create(api, "waiver-approver", "waiver-approver-pw", "Administrator");
    }
    if (listening.add(port)) {
      org.springframework.context.ApplicationListener<org.springframework.context.ApplicationEvent>
          listener =
              e -> {
                if (e instanceof org.springframework.context.PayloadApplicationEvent<?> p
                    && p.getPayload() instanceof dev.vigil.waivers.WaiverChanged w) {
                  events.add(w);
                }
              };
      context.addApplicationListener(listener);
    }
    ops = new ApiClient(port).login("comp-ops", "comp-ops-pw-1");
    auditor = new ApiClient(port).login("comp-auditor", "comp-auditor-pw-1");
    approver = new ApiClient(port).login("waiver-approver", "waiver-approver-pw");
  }

  @AfterEach
  void clockBack() {
    clock.reset();
  }

  /** A server whose latest TOGGLE scan failed the toggle rule (one pass, one fail). */
  long failingServer(String name) throws Exception {
    return failingServer(name, false);
  }

  /**
   * A server whose latest TOGGLE scan (of job {@code name + "-job"}) failed the toggle rule; with
   * {@code passFirst} an execution where it passed comes before (for drift).
   */
  long failingServer(String name, boolean passFirst) throws Exception {
    long pkg = fleet.readyPackage(name + "-pkg");
    long server = fleet.sshServer(name);
    long job = fleet.job(name + "-job", pkg, List.of(server), TOGGLE, "manual");
    jobs.put(name, job);
    if (passFirst) {
      Files.deleteIfExists(marker);
      assertThat(fleet.run(job)).isEqualTo("complete");
    }
    Files.createFile(marker);
    try {
      assertThat(fleet.run(job)).isEqualTo("complete");
    } finally {
      Files.deleteIfExists(marker);
    }
    JsonNode p = fleet.profile(server, TOGGLE);
    assertThat(p.get("status").asString()).isEqualTo("non_compliant");
    assertThat(p.get("lastScan").get("failCount").asInt()).isOne();
    assertThat(p.get("lastScan").get("passCount").asInt()).isOne();
    return server;
  }

  @Test
  void anApprovedWaiverMakesTheWaivedFailureCompliantUntilRevokedWithoutARescan() throws Exception {
    int eventsBefore = events.size();
    long server = failingServer("waiver-server", true);
    JsonNode failing = fleet.profile(server, TOGGLE);
    double oscapScore = failing.get("lastScan").get("score").asDouble();
    assertThat(oscapScore).isEqualTo(50.0);
    assertThat(failing.get("score").asDouble()).isEqualTo(50.0);
    assertThat(failing.get("scoreWithoutWaivers").asDouble()).isEqualTo(50.0);
    assertThat(failing.get("waivedCount").asInt()).isZero();
    long scanId = failing.get("lastScan").get("id").asLong();

    // a Security Operator requests
    ApiClient.Response requested = ops.post("/api/security-waivers", body(serverScope(server)));
    assertThat(requested.status()).as(requested.body()).isEqualTo(200);
    JsonNode w = requested.json().get("securityWaiver");
    long id = w.get("id").asLong();
    assertThat(requested.json().get("success").asBoolean()).isTrue();
    assertThat(w.get("status").asString()).isEqualTo("requested");
    assertThat(w.get("scope").get("type").asString()).isEqualTo("server");
    assertThat(w.get("scope").get("id").asLong()).isEqualTo(server);
    assertThat(w.get("scope").get("name").asString()).isEqualTo("waiver-server");
    assertThat(w.get("requestedBy").get("username").asString()).isEqualTo("comp-ops");
    assertThat(w.get("ticket").asString()).isEqualTo("SEC-42");
    assertThat(steps(w)).containsExactly("requested by comp-ops: the toggle is known to fail");
    assertThat(fleet.profile(server, TOGGLE).get("status").asString())
        .as("a requested waiver does not count")
        .isEqualTo("non_compliant");

    // an Auditor sees it but may not request, approve or revoke
    assertThat(auditor.get("/api/security-waivers/" + id).status()).isEqualTo(200);
    assertThat(ids(auditor.get("/api/security-waivers?status=requested").json())).contains(id);
    assertThat(auditor.post("/api/security-waivers", body(serverScope(server))).status())
        .isEqualTo(403);
    assertThat(auditor.put("/api/security-waivers/" + id + "/approve", reason("ok")).status())
        .isEqualTo(403);
    // a requester may not approve (level), nor may an approver approve their own request
    assertThat(ops.put("/api/security-waivers/" + id + "/approve", reason("ok")).status())
        .isEqualTo(403);
    ApiClient.Response own = api.post("/api/security-waivers", body(serverScope(server)));
    long ownId = own.json().get("securityWaiver").get("id").asLong();
    ApiClient.Response self = api.put("/api/security-waivers/" + ownId + "/approve", reason("ok"));
    assertThat(self.status()).isEqualTo(400);
    assertThat(self.json().get("msg").asString()).contains("Nobody approves their own request");
    assertThat(
            api.get("/api/security-waivers/" + ownId)
                .json()
                .get("securityWaiver")
                .get("status")
                .asString())
        .isEqualTo("requested");
    ApiClient.Response rejected =
        approver.put("/api/security-waivers/" + ownId + "/reject", reason("one is enough"));
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().get("securityWaiver").get("status").asString())
        .isEqualTo("rejected");
    assertThat(approver.put("/api/security-waivers/" + ownId + "/approve", reason("x")).status())
        .as("a rejected waiver cannot be approved")
        .isEqualTo(400);

    // another user with Approve approves: the server is compliant, nothing rescanned
    ApiClient.Response approved =
        api.put("/api/security-waivers/" + id + "/approve", reason("accepted until the fix"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("securityWaiver").get("status").asString())
        .isEqualTo("approved");
    JsonNode waived = fleet.profile(server, TOGGLE);
    assertThat(waived.get("status").asString()).isEqualTo("compliant");
    assertThat(waived.get("waivedCount").asInt()).isOne();
    assertThat(waived.get("score").asDouble()).isEqualTo(100.0);
    assertThat(waived.get("scoreWithoutWaivers").asDouble()).isEqualTo(50.0);
    assertThat(waived.get("lastScan").get("id").asLong()).as("no rescan").isEqualTo(scanId);
    assertThat(waived.get("lastScan").get("failCount").asInt())
        .as("oscap's counts are kept")
        .isOne();
    assertThat(fleet.compliance(server).get("status").asString()).isEqualTo("compliant");
    assertThat(
            hostStatus(
                Pages.html(mvc, "/infrastructure/hosts?phrase=waiver-server", "comp-ops"), server))
        .isEqualTo("compliant");

    JsonNode rules = api.get("/api/security-scans/" + scanId + "/rules").json().get("rules");
    JsonNode toggle = rule(rules, TOGGLE_RULE);
    assertThat(toggle.get("result").asString()).as("kept as oscap wrote it").isEqualTo("fail");
    assertThat(toggle.get("waived").asBoolean()).isTrue();
    assertThat(toggle.get("waiverId").asLong()).isEqualTo(id);
    assertThat(rule(rules, PASS_RULE).get("waived").asBoolean()).isFalse();
    assertThat(rule(rules, PASS_RULE).get("waiverId").isNull()).isTrue();
    String csv = api.get("/api/security-scans/" + scanId + "/rules.csv").body();
    assertThat(csv).contains(TOGGLE_RULE).containsPattern(",fail,[^\\r]*,true," + id + "\r\n");
    assertThat(csv).containsPattern(PASS_RULE + ",[^\\r]*,pass,[^\\r]*,false,\r\n");
    String report = page("/infrastructure/servers/" + server + "/security/" + scanId);
    assertThat(report).contains("href=\"/compliance/waivers/" + id + "\"");
    // the rule view counts the server's fail as waived, not failing, and its links say so
    assertThat(ruleViewServers(TOGGLE_RULE, "waived")).contains(server);
    assertThat(ruleViewServers(TOGGLE_RULE, "fail")).doesNotContain(server);
    long execution =
        api.get("/api/job-executions?jobId=" + jobs.get("waiver-server"))
            .json()
            .get("jobExecutions")
            .get(0)
            .get("id")
            .asLong();
    JsonNode drift = api.get("/api/job-executions/" + execution + "/drift").json().get("drift");
    JsonNode driftRule = null;
    for (JsonNode r : drift.get("rules")) {
      if (r.get("ruleId").asString().equals(TOGGLE_RULE)) {
        driftRule = r;
      }
    }
    assertThat(driftRule).as(drift.toString()).isNotNull();
    JsonNode change = driftRule.get("servers").get(0);
    assertThat(change.get("before").asString()).isEqualTo("pass");
    assertThat(change.get("after").asString()).isEqualTo("fail");
    assertThat(change.get("waived").asBoolean()).isTrue();
    assertThat(change.get("waiverId").asLong()).isEqualTo(id);

    // revoked: non-compliant again, still no rescan
    assertThat(api.put("/api/security-waivers/" + id + "/revoke", "{}").status())
        .as("a reason is required")
        .isEqualTo(400);
    ApiClient.Response revoked =
        api.put("/api/security-waivers/" + id + "/revoke", reason("fix shipped late"));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    JsonNode again = fleet.profile(server, TOGGLE);
    assertThat(again.get("status").asString()).isEqualTo("non_compliant");
    assertThat(again.get("waivedCount").asInt()).isZero();
    assertThat(again.get("score").asDouble()).isEqualTo(50.0);
    assertThat(again.get("lastScan").get("id").asLong()).isEqualTo(scanId);
    JsonNode afterRevoke = api.get("/api/security-scans/" + scanId + "/rules").json();
    assertThat(rule(afterRevoke.get("rules"), TOGGLE_RULE).get("waived").asBoolean()).isFalse();
    assertThat(ruleViewServers(TOGGLE_RULE, "fail")).contains(server);
    assertThat(ruleViewServers(TOGGLE_RULE, "waived")).doesNotContain(server);

    // each step was published once, after its commit; refused steps published nothing
    List<dev.vigil.waivers.WaiverChanged> published =
        List.copyOf(events.subList(eventsBefore, events.size()));
    assertThat(
            published.stream()
                .filter(e -> e.waiverId() == id)
                .map(e -> e.action() + " " + e.status() + " " + e.username() + ": " + e.reason())
                .toList())
        .containsExactly(
            "requested requested comp-ops: the toggle is known to fail",
            "approved approved admin: accepted until the fix",
            "revoked revoked admin: fix shipped late");
    assertThat(published.stream().filter(e -> e.waiverId() == ownId).map(e -> e.action()).toList())
        .containsExactly("requested", "rejected");

    // every step, with who, when and why
    JsonNode record = auditor.get("/api/security-waivers/" + id).json().get("securityWaiver");
    assertThat(record.get("status").asString()).isEqualTo("revoked");
    assertThat(steps(record))
        .containsExactly(
            "requested by comp-ops: the toggle is known to fail",
            "approved by admin: accepted until the fix",
            "revoked by admin: fix shipped late");
    for (JsonNode step : record.get("history")) {
      assertThat(Instant.parse(step.get("date").asString())).isNotNull();
    }
    assertThat(api.get("/api/security-waivers/" + id + "/revoke").status())
        .as("nothing deletes or re-opens a waiver")
        .isIn(404, 405);
  }

  @Test
  void aLabelWaiverCoversAServerThatGainsTheLabelLaterAndExpiresOnTheClock() throws Exception {
    long server = failingServer("waiver-label-server");
    Instant expires = clock.instant().plus(Duration.ofDays(2));
    String scope = "{\"type\":\"server-label\",\"label\":\"waiver-web\"}";
    ApiClient.Response r =
        ops.post(
            "/api/security-waivers",
            body(scope, expires.toString(), "\"" + TOGGLE_RULE + "\"", BENCHMARK, TOGGLE));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    long id = r.json().get("securityWaiver").get("id").asLong();
    assertThat(approver.put("/api/security-waivers/" + id + "/approve", reason("ok")).status())
        .isEqualTo(200);
    assertThat(fleet.profile(server, TOGGLE).get("status").asString())
        .as("the server does not carry the label yet")
        .isEqualTo("non_compliant");
    assertThat(ids(api.get("/api/security-waivers?serverId=" + server).json())).doesNotContain(id);

    ApiClient.Response labelled =
        api.put("/api/servers/" + server, "{\"server\":{\"labels\":[\"waiver-web\"]}}");
    assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
    assertThat(fleet.profile(server, TOGGLE).get("status").asString()).isEqualTo("compliant");
    assertThat(ids(api.get("/api/security-waivers?serverId=" + server).json())).contains(id);
    assertThat(ids(api.get("/api/security-waivers?ruleId=" + TOGGLE_RULE).json())).contains(id);
    assertThat(ids(api.get("/api/security-waivers?phrase=TOGGLE%20is%20KNOWN").json()))
        .contains(id);
    assertThat(ids(api.get("/api/security-waivers?status=approved").json())).contains(id);

    clock.advance(Duration.ofDays(2).plusSeconds(1));
    JsonNode expired = fleet.profile(server, TOGGLE);
    assertThat(expired.get("status").asString()).isEqualTo("non_compliant");
    assertThat(expired.get("waivedCount").asInt()).isZero();
    JsonNode record = api.get("/api/security-waivers/" + id).json().get("securityWaiver");
    assertThat(record.get("status").asString()).isEqualTo("expired");
    assertThat(steps(record)).last().asString().startsWith("expired");
    assertThat(ids(api.get("/api/security-waivers?status=expired").json())).contains(id);
    assertThat(ids(api.get("/api/security-waivers?status=approved").json())).doesNotContain(id);
    assertThat(api.put("/api/security-waivers/" + id + "/revoke", reason("late")).status())
        .as("an expired waiver is not revoked")
        .isEqualTo(400);
  }

  @Test
  void badRequestsAreRefusedNamingTheField() throws Exception {
    long server = fleet.localServer("waiver-bad-input");
    String future = clock.instant().plus(Duration.ofDays(30)).toString();
    String rule = "\"" + PASS_RULE + "\"";
    // make sure a scan reported the rule ids used below
    failingServer("waiver-bad-input-scanned");
    expectError(
        ops.post("/api/security-waivers", body("{\"type\":\"server\",\"id\":999999}")),
        "scope.id",
        "unknown server id 999999");
    expectError(
        ops.post("/api/security-waivers", body("{\"type\":\"instance\",\"id\":999999}")),
        "scope.id",
        "unknown instance id 999999");
    expectError(
        ops.post("/api/security-waivers", body("{\"type\":\"job\",\"id\":999999}")),
        "scope.id",
        "unknown job id 999999");
    expectError(
        ops.post("/api/security-waivers", body("{\"type\":\"server-label\"}")),
        "scope.label",
        "scope.label is required");
    expectError(
        ops.post("/api/security-waivers", body("{\"type\":\"rack\",\"id\":1}")),
        "scope.type",
        "scope.type must be one of server, instance, server-label, job");
    expectError(
        ops.post(
            "/api/security-waivers",
            body(serverScope(server), future, "\"xccdf_no_such_rule\"", null, null)),
        "ruleIds[0]",
        "unknown rule id 'xccdf_no_such_rule'");
    expectError(
        ops.post("/api/security-waivers", body(serverScope(server), future, "", null, null)),
        "ruleIds",
        "at least one rule");
    expectError(
        ops.post(
            "/api/security-waivers",
            body(
                serverScope(server),
                clock.instant().minusSeconds(60).toString(),
                rule,
                null,
                null)),
        "expiresAt",
        "in the future");
    expectError(
        ops.post(
            "/api/security-waivers",
            body(
                serverScope(server),
                clock.instant().plus(Duration.ofDays(366)).toString(),
                rule,
                null,
                null)),
        "expiresAt",
        "at most 365 days");
    expectError(
        ops.post("/api/security-waivers", body(serverScope(server), "next week", rule, null, null)),
        "expiresAt",
        "ISO-8601");
    expectError(
        ops.post(
            "/api/security-waivers",
            "{\"securityWaiver\":{\"name\":\"x\",\"expiresAt\":\""
                + future
                + "\",\"ruleIds\":["
                + rule
                + "],\"scope\":"
                + serverScope(server)
                + "}}"),
        "reason",
        "reason is required");
    expectError(ops.post("/api/security-waivers", "{}"), "securityWaiver", "is required");
    expectError(api.get("/api/security-waivers?status=pending"), "status", "status must be one of");
    expectError(api.get("/api/security-waivers?serverId=abc"), "serverId", "must be a number");
    ApiClient.Response ok = ops.post("/api/security-waivers", body(serverScope(server)));
    long id = ok.json().get("securityWaiver").get("id").asLong();
    expectError(
        api.put("/api/security-waivers/" + id + "/approve", "{\"reason\":\"  \"}"),
        "reason",
        "reason is required");
    ApiClient.Response revokeRequested =
        api.put("/api/security-waivers/" + id + "/revoke", reason("x"));
    assertThat(revokeRequested.status()).isEqualTo(400);
    assertThat(revokeRequested.json().get("msg").asString())
        .contains("is requested; only a approved waiver can be revoked");
    assertThat(api.get("/api/security-waivers/999999").status()).isEqualTo(404);
    assertThat(api.put("/api/security-waivers/999999/approve", reason("x")).status())
        .isEqualTo(404);
  }

  @Test
  void thePagesRequestShowAndDecideAWaiverWithTheButtonsEachLevelAllows() throws Exception {
    long server = failingServer("waiver-page-server");
    String expires =
        java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
            .plusDays(10)
            .toString();
    // the form refuses bad input with the fields marked, keeping what was typed
    MockHttpServletResponse bad =
        mvc.perform(
                post("/compliance/waivers")
                    .with(user("comp-ops"))
                    .with(csrf())
                    .param("name", "Typed <name>")
                    .param("reason", "")
                    .param("expiresOn", expires)
                    .param("ruleIds", "xccdf_no_such_rule")
                    .param("scopeType", "server")
                    .param("scopeId", String.valueOf(server)))
            .andReturn()
            .getResponse();
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(bad.getContentAsString())
        .contains("value=\"Typed &lt;name&gt;\"")
        .contains("reason is required")
        .contains("unknown rule id &#39;xccdf_no_such_rule&#39;");
    MockHttpServletResponse badDate =
        mvc.perform(
                post("/compliance/waivers")
                    .with(user("comp-ops"))
                    .with(csrf())
                    .param("name", "n")
                    .param("reason", "r")
                    .param("expiresOn", "soon")
                    .param("ruleIds", TOGGLE_RULE)
                    .param("scopeType", "server")
                    .param("scopeId", String.valueOf(server)))
            .andReturn()
            .getResponse();
    assertThat(badDate.getStatus()).isEqualTo(400);
    assertThat(badDate.getContentAsString()).contains("expiry must be a date such as 2027-03-01");

    MockHttpServletResponse made =
        mvc.perform(
                post("/compliance/waivers")
                    .with(user("comp-ops"))
                    .with(csrf())
                    .param("name", "Page waiver")
                    .param("reason", "requested from the page")
                    .param("expiresOn", expires)
                    .param("ruleIds", TOGGLE_RULE)
                    .param("scopeType", "server")
                    .param("scopeId", String.valueOf(server)))
            .andReturn()
            .getResponse();
    assertThat(made.getStatus()).isEqualTo(302);
    String location = made.getRedirectedUrl();
    assertThat(location).matches("/compliance/waivers/\\d+");
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

    String asAuditor = Pages.html(mvc, location, "comp-auditor");
    assertThat(asAuditor)
        .contains("data-status=\"requested\"")
        .contains("requested from the page")
        .doesNotContain("id=\"approve\"")
        .doesNotContain("id=\"reject\"");
    String list = Pages.html(mvc, "/compliance/waivers?status=requested", "comp-auditor");
    assertThat(list).contains("data-waiver=\"" + id + "\"").doesNotContain("id=\"request-waiver\"");
    assertThat(Pages.html(mvc, "/compliance/waivers", "comp-ops"))
        .contains("id=\"request-waiver\"");
    assertThat(
            mvc.perform(get("/compliance/waivers/new").with(user("comp-auditor")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
    assertThat(
            mvc.perform(
                    post("/compliance/waivers/" + id + "/approve")
                        .with(user("comp-ops"))
                        .with(csrf())
                        .param("reason", "mine"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
    assertThat(
            mvc.perform(get("/compliance/waivers?status=pending").with(user("comp-auditor")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(400);

    String asApprover = Pages.html(mvc, location, "admin");
    assertThat(asApprover).contains("id=\"approve\"").contains("id=\"reject\"");
    mvc.perform(
        post("/compliance/waivers/" + id + "/approve")
            .with(user("admin"))
            .with(csrf())
            .param("reason", ""));
    assertThat(Pages.html(mvc, location, "admin")).contains("data-status=\"requested\"");
    mvc.perform(
        post("/compliance/waivers/" + id + "/approve")
            .with(user("admin"))
            .with(csrf())
            .param("reason", "approved on the page"));
    String approved = Pages.html(mvc, location, "comp-auditor");
    assertThat(approved)
        .contains("data-status=\"approved\"")
        .contains("approved on the page")
        .contains("data-action=\"requested\"")
        .contains("data-action=\"approved\"");
    assertThat(fleet.profile(server, TOGGLE).get("status").asString()).isEqualTo("compliant");
    assertThat(Pages.html(mvc, location, "admin")).contains("id=\"revoke\"");
    mvc.perform(
        post("/compliance/waivers/" + id + "/revoke")
            .with(user("admin"))
            .with(csrf())
            .param("reason", "revoked on the page"));
    assertThat(Pages.html(mvc, location, "comp-auditor"))
        .contains("data-status=\"revoked\"")
        .contains("data-action=\"revoked\"");
    assertThat(fleet.profile(server, TOGGLE).get("status").asString()).isEqualTo("non_compliant");
    assertThat(
            mvc.perform(get("/compliance/waivers/999999").with(user("comp-auditor")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
  }

  static void expectError(ApiClient.Response r, String field, String text) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("errors").get(field)).as(r.body()).isNotNull();
    assertThat(r.json().get("errors").get(field).asString()).contains(text);
  }

  static String serverScope(long server) {
    return "{\"type\":\"server\",\"id\":" + server + "}";
  }

  String body(String scope) {
    return body(
        scope,
        clock.instant().plus(Duration.ofDays(30)).toString(),
        "\"" + TOGGLE_RULE + "\"",
        null,
        null);
  }

  static String body(
      String scope, String expiresAt, String rules, String benchmarkId, String profileId) {
    return "{\"securityWaiver\":{\"name\":\"Toggle accepted\","
        + "\"reason\":\"the toggle is known to fail\",\"ticket\":\"SEC-42\","
        + "\"expiresAt\":\""
        + expiresAt
        + "\",\"ruleIds\":["
        + rules
        + "],\"scope\":"
        + scope
        + (benchmarkId == null ? "" : ",\"benchmarkId\":\"" + benchmarkId + "\"")
        + (profileId == null ? "" : ",\"profileId\":\"" + profileId + "\"")
        + "}}";
  }

  static String reason(String why) {
    return "{\"reason\":\"" + why + "\"}";
  }

  static List<String> steps(JsonNode waiver) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : waiver.get("history")) {
      JsonNode user = s.get("user");
      out.add(
          s.get("action").asString()
              + (user == null || user.isNull() ? "" : " by " + user.get("username").asString())
              + (s.get("reason").isNull() ? "" : ": " + s.get("reason").asString()));
    }
    return out;
  }

  /** The servers behind a rule view count of the toggle profile (the fleet filter of the API). */
  List<Long> ruleViewServers(String ruleId, String result) {
    ApiClient.Response r =
        api.get(
            "/api/servers?max=1000&benchmark="
                + BENCHMARK
                + "&profile="
                + TOGGLE
                + "&rule="
                + ruleId
                + "&result="
                + result);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Long> out = new ArrayList<>();
    r.json().get("servers").forEach(s -> out.add(s.get("id").asLong()));
    return out;
  }

  static List<Long> ids(JsonNode list) {
    List<Long> out = new ArrayList<>();
    list.get("securityWaivers").forEach(w -> out.add(w.get("id").asLong()));
    return out;
  }

  static JsonNode rule(JsonNode rules, String ruleId) {
    for (JsonNode r : rules) {
      if (r.get("ruleId").asString().equals(ruleId)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + ruleId + " in " + rules);
  }
}
