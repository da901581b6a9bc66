package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertGet;
import static dev.vigil.contract.ContractAssertions.assertWrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.contract.ContractClient.Resp;
import dev.vigil.contract.ContractFixture.Scans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The nine places where morpheus-cli 8.0.7 showed wrong things against Vigil (issue 13), each as
 * the JSON the client reads, field by field as the client uses it. Paths in comments are in the
 * client's source tree (gem morpheus-cli 8.0.7, {@code lib/morpheus/...}).
 */
class MorpheusCliFaultsContractTest extends ContractTestBase {

  private static final String EXECUTIONS = "/api/job-executions";
  private static final Map<Integer, Own> OWN = new ConcurrentHashMap<>();

  /**
   * Fault 1. cli/mixins/jobs_helper.rb:29 takes {@code process.message || process.error} as the
   * error, :86-89 prints it as a red "Error" section, :114 as the ERROR column of {@code jobs
   * list-executions}: a complete execution carries neither; progress is in statusMessage and
   * resultData.
   */
  @Test
  void aCompleteExecutionShowsNoErrorAndKeepsItsProgressElsewhere() {
    Scans s = fixture().scans();
    JsonNode e = assertGet(admin.get(EXECUTIONS + "/" + s.executionsA().get(0)), "jobExecution");
    JsonNode p = e.get("process");
    assertThat(p.get("message").isNull()).as("process.message: %s", p).isTrue();
    assertThat(p.get("error").isNull()).as("process.error: %s", p).isTrue();
    for (JsonNode ev : p.get("events")) {
      assertThat(ev.get("message").isNull()).as("event message: %s", ev).isTrue();
      assertThat(ev.get("error").isNull()).as("event error: %s", ev).isTrue();
    }
    assertThat(e.get("statusMessage").asString()).isEqualTo("2 of 2 done, 0 failed");
    assertThat(e.get("resultData").get("done").asInt()).isEqualTo(2);
    assertThat(e.get("resultData").get("failed").asInt()).isZero();
    JsonNode listed =
        admin.get(EXECUTIONS + "?jobId=" + s.jobA()).json().get("jobExecutions").get(0);
    assertThat(listed.get("process").get("message").isNull()).isTrue();
    assertThat(listed.get("process").get("error").isNull()).isTrue();
  }

  /**
   * Fault 1, the failing side: process.error names the failure, so jobs_helper.rb:86-89 shows it.
   * An unreachable server (closed loopback port) fails its target run.
   */
  @Test
  void aFailedExecutionCarriesTheErrorInProcessError() {
    ContractFixture f = fixture();
    long closed = closedServer("ctrcli-closed");
    long job = f.job("ctrcli-failing", own().pkg(), List.of(closed));
    JsonNode e = f.awaitEnd(f.execute(job));
    assertThat(e.get("status").asString()).isEqualTo("failed");
    JsonNode p = e.get("process");
    assertThat(p.get("message").isNull()).isTrue();
    assertThat(p.get("error").asString()).isEqualTo("1 server(s) failed");
    JsonNode ev = p.get("events").get(0);
    assertThat(ev.get("message").isNull()).isTrue();
    assertThat(ev.get("error").asString()).isNotBlank();
  }

  /**
   * Fault 2. cli/error_handler.rb:166 and :171 print {@code msg} only for 400 and 404: a package or
   * schedule in use and a scan inside its keep window answer 400 with the reason in msg.
   */
  @Test
  void refusalsUsersMustReadAre400WithTheReasonInMsg() {
    ContractFixture f = fixture();
    f.scans();
    JsonNode pkg = assertError(admin.delete("/api/security-packages/" + f.packageA), 400);
    assertThat(pkg.get("msg").asString()).contains("is in use by").contains("ctrfix-job-a");
    long schedule =
        ContractClient.id(
            admin.post(
                "/api/execute-schedules",
                "{\"schedule\":{\"name\":\"ctrcli-used\",\"cron\":\"0 2 * * *\"}}"),
            "schedule");
    String body =
        f.jobBody("ctrcli-scheduled", own().pkg(), List.of(own().local1()), "")
            .replace("\"scheduleMode\":\"manual\"", "\"scheduleMode\":\"" + schedule + "\"");
    ContractClient.id(admin.post("/api/jobs", body), "job");
    JsonNode sched = assertError(admin.delete("/api/execute-schedules/" + schedule), 400);
    assertThat(sched.get("msg").asString())
        .isEqualTo("Execute schedule ctrcli-used is in use by job ctrcli-scheduled");
    long scan =
        admin
            .get("/api/security-scans?serverId=" + f.local1 + "&max=1")
            .json()
            .get("securityScans")
            .get(0)
            .get("id")
            .asLong();
    JsonNode kept = assertError(admin.delete("/api/security-scans/" + scan), 400);
    assertThat(kept.get("msg").asString()).startsWith("security scan " + scan + " is kept until");
  }

  /**
   * Fault 8. cli/mixins/jobs_helper.rb:26 shows an event's Created By from {@code
   * createdBy.displayName}; the execute answer's processId is the execution's process.id.
   */
  @Test
  void eventsCarryCreatedByAndExecuteAnswersTheProcessId() {
    ContractFixture f = fixture();
    long job = f.job("ctrcli-process", own().pkg(), List.of(own().local2()));
    Resp r = admin.put("/api/jobs/" + job + "/execute", "{}");
    assertWrite(r, "job");
    JsonNode answer = r.json().get("jobExecution");
    JsonNode e = f.awaitEnd(answer.get("id").asLong());
    assertThat(answer.get("processId").isNumber()).as("processId: %s", r).isTrue();
    assertThat(answer.get("processId").asLong()).isEqualTo(e.get("process").get("id").asLong());
    JsonNode ev = e.get("process").get("events").get(0);
    assertThat(ev.get("createdBy").get("displayName").asString())
        .isEqualTo(e.get("createdBy").get("displayName").asString())
        .isNotBlank();
    JsonNode got =
        assertGet(
            admin.get(EXECUTIONS + "/" + e.get("id").asLong() + "/events/" + ev.get("id").asLong()),
            "processEvent");
    assertThat(got.get("createdBy").get("username").asString()).isEqualTo("admin");
  }

  /**
   * Fault 4. cli/commands/whoami.rb:163 shows Name as {@code "#{firstName} #{lastName}"}, :165
   * Tenant from {@code account.name}, :166 Role through cli/mixins/accounts_helper.rb:388 from
   * {@code roles[].authority}.
   */
  @Test
  void whoamiCarriesFirstAndLastNameRoleAuthorityAndTheAccountName() {
    Resp none = admin.get("/api/users?name=ctrcli-ada");
    if (none.json().path("users").isEmpty()) {
      long role =
          ContractClient.id(
              admin.post(
                  "/api/roles",
                  "{\"role\":{\"name\":\"ctrcli-reader\","
                      + "\"permissions\":{\"security-scanning\":\"read\"}}}"),
              "role");
      ContractClient.id(
          admin.post(
              "/api/users",
              "{\"user\":{\"username\":\"ctrcli-ada\",\"displayName\":\"Ada King Lovelace\","
                  + "\"password\":\""
                  + USER_PASSWORD
                  + "\",\"roles\":[{\"id\":"
                  + role
                  + "}]}}"),
          "user");
    }
    JsonNode body = signedIn("ctrcli-ada", USER_PASSWORD).get("/api/whoami").json();
    JsonNode user = body.get("user");
    assertThat(user.get("firstName").asString()).isEqualTo("Ada");
    assertThat(user.get("lastName").asString()).isEqualTo("King Lovelace");
    assertThat(user.get("account").get("name").asString()).isEqualTo("Vigil");
    assertThat(user.get("roles")).hasSize(1);
    assertThat(user.get("roles").get(0).get("authority").asString()).isEqualTo("ctrcli-reader");
    assertThat(body.get("isMasterAccount").asBoolean()).isTrue();
    JsonNode adminUser = admin.get("/api/whoami").json().get("user");
    assertThat(adminUser.get("firstName").asString()).isEqualTo("Administrator");
    assertThat(adminUser.get("lastName").isNull()).isTrue();
    assertThat(adminUser.get("roles").get(0).get("authority").asString())
        .isEqualTo("Administrator");
  }

  /**
   * Fault 5. cli/commands/credentials_command.rb:32 and :42 show {@code type.name}, :43 {@code
   * enabled}, :45 switches on {@code type.code}; :99 and cli/mixins/rest_command.rb:647 list {@code
   * credentialTypes}, cli/cli_command.rb:1929 finds the chosen code with {@code ?name=},
   * rest_command.rb:685-687 loads the type by id for its {@code optionTypes}; :104 sends {@code
   * enabled}, and the prompt of {@code integration.id} loads {@code
   * /api/options/credentialIntegrations}.
   */
  @Test
  void credentialsAddRunsAsTheCliDrivesIt() {
    JsonNode types =
        ContractAssertions.assertList(
            admin.get("/api/credential-types?max=10000&creatable=true"), "credentialTypes");
    assertThat(ContractAssertions.names(types))
        .containsExactly("Username and Private Key", "Username and Password");
    JsonNode byCode =
        ContractAssertions.assertList(
            admin.get("/api/credential-types?name=username-password"), "credentialTypes");
    assertThat(byCode).hasSize(1);
    long typeId = byCode.get(0).get("id").asLong();
    JsonNode type = assertGet(admin.get("/api/credential-types/" + typeId), "credentialType");
    assertThat(type.get("code").asString()).isEqualTo("username-password");
    assertThat(
            type.get("optionTypes").valueStream().map(o -> o.get("fieldName").asString()).toList())
        .containsExactly("username", "password");
    assertThat(type.get("optionTypes").get(1).get("type").asString()).isEqualTo("password");
    assertThat(type.get("optionTypes").get(0).get("required").asBoolean()).isTrue();
    assertError(admin.get("/api/credential-types/99"), 404);
    JsonNode stores = admin.get("/api/options/credentialIntegrations").json();
    assertThat(stores.get("data").isArray()).isTrue();
    assertThat(stores.get("data")).isEmpty();

    JsonNode made =
        assertWrite(
            admin.post(
                "/api/credentials",
                "{\"credential\":{\"type\":\"username-password\",\"name\":\"ctrcli-cred\","
                    + "\"enabled\":true,\"username\":\"ops\",\"password\":\"s3cret\"}}"),
            "credential");
    JsonNode listed =
        ContractAssertions.assertList(admin.get("/api/credentials?name=ctrcli-cred"), "credentials")
            .get(0);
    for (JsonNode c :
        List.of(
            made,
            listed,
            assertGet(admin.get("/api/credentials/" + made.get("id")), "credential"))) {
      assertThat(c.get("type").get("id").asLong()).isEqualTo(typeId);
      assertThat(c.get("type").get("code").asString()).isEqualTo("username-password");
      assertThat(c.get("type").get("name").asString()).isEqualTo("Username and Password");
      assertThat(c.get("enabled").asBoolean()).isTrue();
      assertThat(c.has("password")).isFalse();
    }
    assertError(
        admin.post(
            "/api/credentials",
            "{\"credential\":{\"type\":\"username-password\",\"name\":\"ctrcli-off\","
                + "\"enabled\":false,\"username\":\"ops\",\"password\":\"s3cret\"}}"),
        400,
        "enabled");
    assertThat(admin.get("/api/credentials?name=ctrcli-off").json().get("credentials")).isEmpty();
    assertError(
        admin.post(
            "/api/credentials",
            "{\"credential\":{\"type\":\"username-password\",\"name\":\"ctrcli-off\","
                + "\"enabled\":\"maybe\",\"username\":\"ops\",\"password\":\"s3cret\"}}"),
        400,
        "enabled");
    assertError(noInfrastructure().get("/api/credential-types"), 403);
    assertError(anonymous().get("/api/credential-types"), 401);
  }

  /**
   * Fault 3. cli/commands/hosts.rb:514 ({@code hosts get}) and :645 ({@code hosts stats}) read a
   * top-level {@code stats} next to {@code server} and print it through
   * cli/mixins/print_helper.rb:599-606 ({@code cpuUsage}, {@code usedMemory}/{@code maxMemory},
   * {@code usedStorage}/{@code maxStorage}); :584 says "No data." for a missing one. A never-tested
   * server has the fields, null; a tested one the figures its connection test measured. Status is
   * hosts.rb:2600-2605: "on" shows RUNNING, so a server never reached is "unknown".
   */
  @Test
  void hostsGetAndStatsReadTheMeasuredStatsAndOnlyReachedServersRun() {
    long closed = closedServer("ctrcli-never-tested");
    Resp never = admin.get("/api/servers/" + closed);
    JsonNode nullStats = never.json().get("stats");
    assertThat(nullStats).as("stats in %s", never).isNotNull();
    for (String k : List.of("usedMemory", "maxMemory", "usedStorage", "maxStorage", "cpuUsage")) {
      assertThat(nullStats.has(k)).as(k).isTrue();
      assertThat(nullStats.get(k).isNull()).as(k).isTrue();
    }
    assertThat(never.json().get("server").get("status").asString()).isEqualTo("provisioned");
    assertThat(never.json().get("server").get("powerState").asString()).isEqualTo("unknown");
    assertThat(
            admin
                .post("/api/servers/" + closed + "/test-connection", "{}")
                .json()
                .get("success")
                .asBoolean())
        .isFalse();
    assertThat(
            admin.get("/api/servers/" + closed).json().get("server").get("powerState").asString())
        .as("unreachable after a test")
        .isEqualTo("unknown");

    long local = own().local2();
    Resp tested = admin.post("/api/servers/" + local + "/test-connection", "{}");
    assertThat(tested.json().get("success").asBoolean()).as("%s", tested).isTrue();
    Resp got = admin.get("/api/servers/" + local);
    JsonNode stats = got.json().get("stats");
    assertThat(stats.get("maxMemory").asLong()).isPositive();
    assertThat(stats.get("usedMemory").asLong())
        .isPositive()
        .isLessThan(stats.get("maxMemory").asLong());
    assertThat(stats.get("maxStorage").asLong()).isPositive();
    assertThat(stats.get("usedStorage").asLong())
        .isPositive()
        .isLessThanOrEqualTo(stats.get("maxStorage").asLong());
    assertThat(stats.get("cpuUsage").isNumber()).as("cpuUsage in %s", stats).isTrue();
    assertThat(stats.get("cpuUsage").asDouble()).isBetween(0.0, 100.0);
    assertThat(got.json().get("server").get("powerState").asString()).isEqualTo("on");
    JsonNode listed = admin.get("/api/servers?name=ctrcli-never-tested").json();
    assertThat(listed.get("stats").get(String.valueOf(closed)).get("maxMemory").asLong())
        .as("hosts.rb:257-258 adds used and free memory when maxMemory is null")
        .isZero();
  }

  /**
   * Fault 6. cli/commands/hosts.rb:284 counts a server's Nodes as {@code containers.size};
   * cli/commands/instances.rb:267 an instance's as {@code containers.count}: a server is one node,
   * an instance has one per server.
   */
  @Test
  void serversAndInstancesCountTheirNodesInContainers() {
    ContractFixture f = fixture();
    JsonNode server =
        ContractAssertions.assertList(admin.get("/api/servers?name=ctrfix-local-1"), "servers")
            .get(0);
    assertThat(ContractFixture.longs(server.get("containers"))).containsExactly(f.local1);
    JsonNode made =
        assertWrite(
            admin.post(
                "/api/instances",
                "{\"instance\":{\"name\":\"ctrcli-two-nodes\",\"servers\":[{\"id\":"
                    + f.local1
                    + "},{\"id\":"
                    + f.local2
                    + "}]}}"),
            "instance");
    JsonNode listed =
        ContractAssertions.assertList(
                admin.get("/api/instances?name=ctrcli-two-nodes"), "instances")
            .get(0);
    for (JsonNode i : List.of(made, listed)) {
      assertThat(ContractFixture.longs(i.get("containers")))
          .containsExactlyInAnyOrder(f.local1, f.local2);
    }
  }

  /**
   * Fault 7. cli/commands/jobs_command.rb:101-112 shows "Execution Stats - Last 7 Days" from the
   * list's {@code stats}: jobCount, todayCount, executionsPerDay (joined), execCount, execSuccess
   * with execSuccessRate (a percentage bar), execFailed with execFailedRate.
   */
  @Test
  void jobsListCarriesTheLastSevenDaysExecutionStats() {
    ContractFixture f = fixture();
    f.scans();
    JsonNode before = admin.get("/api/jobs").json().get("stats");
    assertStatsConsistent(before);
    long job = f.job("ctrcli-stats", own().pkg(), List.of(own().local1()));
    f.awaitEnd(f.execute(job));
    Resp r = admin.get("/api/jobs?max=1");
    JsonNode after = r.json().get("stats");
    assertStatsConsistent(after);
    assertThat(after.get("jobCount").asLong())
        .isEqualTo(admin.get("/api/jobs?max=-1").json().get("meta").get("total").asLong())
        .isEqualTo(before.get("jobCount").asLong() + 1);
    assertThat(after.get("execCount").asLong()).isEqualTo(before.get("execCount").asLong() + 1);
    assertThat(after.get("todayCount").asLong()).isEqualTo(before.get("todayCount").asLong() + 1);
    assertThat(after.get("execSuccess").asLong()).isEqualTo(before.get("execSuccess").asLong() + 1);
    assertThat(after.get("execFailed").asLong()).isEqualTo(before.get("execFailed").asLong());
    assertThat(r.json().get("jobs")).hasSize(1);
  }

  private static void assertStatsConsistent(JsonNode stats) {
    assertThat(stats).isNotNull();
    JsonNode days = stats.get("executionsPerDay");
    assertThat(days.isArray()).isTrue();
    assertThat(days).hasSize(7);
    long sum = days.valueStream().mapToLong(JsonNode::asLong).sum();
    assertThat(stats.get("execCount").asLong()).isEqualTo(sum).isPositive();
    assertThat(stats.get("todayCount").asLong()).isEqualTo(days.get(6).asLong());
    long count = stats.get("execCount").asLong();
    long success = stats.get("execSuccess").asLong();
    long failed = stats.get("execFailed").asLong();
    assertThat(success + failed).isLessThanOrEqualTo(count);
    assertThat(stats.get("execSuccessRate").asDouble())
        .isCloseTo(success * 100.0 / count, org.assertj.core.data.Offset.offset(0.05));
    assertThat(stats.get("execFailedRate").asDouble())
        .isCloseTo(failed * 100.0 / count, org.assertj.core.data.Offset.offset(0.05));
  }

  /**
   * Fault 9. cli/commands/jobs_command.rb:307-312 ({@code jobs add --server-label}) sends {@code
   * targetType: server-label} with {@code serverLabel}, :296-301 {@code instance-label} with {@code
   * instanceLabel}; :204-208 shows the context from {@code targetType} and {@code targets}. The
   * label is resolved when an execution starts: exactly the servers carrying it run.
   */
  @Test
  void labelTargetJobsRunOnExactlyTheLabelledServers() {
    ContractFixture f = fixture();
    long a = labelledLocal("ctrcli-lbl-a", "[\"ctrcli:web\",\"other\"]");
    long b = labelledLocal("ctrcli-lbl-b", "[\"ctrcli:web\"]");
    labelledLocal("ctrcli-lbl-c", "[\"ctrcli:db\"]");
    JsonNode job =
        assertWrite(
            admin.post(
                "/api/jobs",
                labelJob("ctrcli-by-server-label", f, "server-label", "serverLabel", "ctrcli:web")),
            "job");
    assertThat(job.get("targetType").asString()).isEqualTo("server-label");
    assertThat(job.get("serverLabel").asString()).isEqualTo("ctrcli:web");
    assertThat(job.get("targets").isArray()).isTrue();
    JsonNode ran = f.awaitEnd(f.execute(job.get("id").asLong()));
    assertThat(ran.get("status").asString()).as("%s", ran).isEqualTo("complete");
    assertThat(serverIds(ran)).containsExactlyInAnyOrder(a, b);

    long member = labelledLocal("ctrcli-lbl-member", "[]");
    assertWrite(
        admin.post(
            "/api/instances",
            "{\"instance\":{\"name\":\"ctrcli-lbl-group\",\"labels\":[\"ctrcli:app\"],"
                + "\"servers\":[{\"id\":"
                + member
                + "}]}}"),
        "instance");
    JsonNode byInstance =
        assertWrite(
            admin.post(
                "/api/jobs",
                labelJob(
                    "ctrcli-by-instance-label",
                    f,
                    "instance-label",
                    "instanceLabel",
                    "ctrcli:app")),
            "job");
    assertThat(byInstance.get("instanceLabel").asString()).isEqualTo("ctrcli:app");
    JsonNode ranByInstance = f.awaitEnd(f.execute(byInstance.get("id").asLong()));
    assertThat(serverIds(ranByInstance)).containsExactly(member);

    JsonNode nobody =
        assertWrite(
            admin.post(
                "/api/jobs",
                labelJob("ctrcli-by-no-label", f, "server-label", "serverLabel", "ctrcli:none")),
            "job");
    JsonNode empty =
        assertError(admin.put("/api/jobs/" + nobody.get("id").asLong() + "/execute", "{}"), 400);
    assertThat(empty.get("msg").asString()).contains("has no servers to scan");
  }

  /** Label targets with bad input: a 400 naming the field, nothing saved. */
  @Test
  void labelTargetsWithoutALabelAre400NamingTheField() {
    ContractFixture f = fixture();
    assertError(
        admin.post("/api/jobs", labelJob("ctrcli-lbl-bad", f, "server-label", "serverLabel", " ")),
        400,
        "serverLabel");
    assertError(
        admin.post(
            "/api/jobs", labelJob("ctrcli-lbl-bad", f, "instance-label", "serverLabel", "x")),
        400,
        "instanceLabel");
    assertError(
        admin.post(
            "/api/jobs",
            labelJob("ctrcli-lbl-bad", f, "server-label", "serverLabel", "x".repeat(256))),
        400,
        "serverLabel");
    assertError(
        admin.post("/api/jobs", labelJob("ctrcli-lbl-bad", f, "group-label", "serverLabel", "x")),
        400,
        "targetType");
    assertThat(admin.get("/api/jobs?name=ctrcli-lbl-bad").json().get("jobs")).isEmpty();
  }

  private String labelJob(String name, ContractFixture f, String type, String key, String label) {
    return f.jobBody(name, own().pkg(), List.of(own().local1()), "")
        .replace(
            "\"targetType\":\"server\",\"targets\":[{\"refId\":" + own().local1() + "}]",
            "\"targetType\":\"" + type + "\",\"" + key + "\":\"" + label + "\"");
  }

  private long labelledLocal(String name, String labels) {
    return ContractClient.id(
        admin.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                + "\"privilegeMode\":\"root\",\"labels\":"
                + labels
                + "}}"),
        "server");
  }

  private static List<Long> serverIds(JsonNode execution) {
    return execution
        .get("process")
        .get("events")
        .valueStream()
        .map(ev -> ev.get("refId").asLong())
        .toList();
  }

  /**
   * This class's own ready package (the fixture's datastream) and two local servers, made once per
   * running server: its scans stay apart from the fixture's, whose lists other classes count.
   */
  private Own own() {
    return OWN.computeIfAbsent(port, p -> makeOwn());
  }

  private Own makeOwn() {
    ContractFixture f = fixture();
    Path ds = CONTENT_ROOT.resolve("nine").resolve(f.scanPath);
    long pkg =
        ContractClient.id(
            admin.post(
                "/api/security-packages",
                "{\"securityPackage\":{\"name\":\"ctrcli-nine\",\"url\":"
                    + ContractClient.JSON.writeValueAsString(ds.toUri().toString())
                    + "}}"),
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                admin
                    .get("/api/security-packages/" + pkg)
                    .json()
                    .get("securityPackage")
                    .get("status")
                    .asString()
                    .equals("ready"));
    return new Own(
        pkg, labelledLocal("ctrcli-local-1", "[]"), labelledLocal("ctrcli-local-2", "[]"));
  }

  /** What {@link #own()} made. */
  private record Own(long pkg, long local1, long local2) {}

  /** An SSH server on a closed loopback port (127.0.0.1:1), with a password credential. */
  private long closedServer(String name) {
    long credential =
        ContractClient.id(
            admin.post(
                "/api/credentials",
                "{\"credential\":{\"name\":\"key-"
                    + name
                    + "\",\"type\":\"username-password\",\"username\":\"nobody\","
                    + "\"password\":\"pw\"}}"),
            "credential");
    return ContractClient.id(
        admin.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"sshHost\":\"127.0.0.1\",\"sshPort\":1,\"credential\":{\"id\":"
                + credential
                + "},\"privilegeMode\":\"root\",\"connectionType\":\"ssh\"}}"),
        "server");
  }
}
