package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertGet;
import static dev.vigil.contract.ContractAssertions.assertList;
import static dev.vigil.contract.ContractAssertions.assertSuccess;
import static dev.vigil.contract.ContractAssertions.assertTimestamp;
import static dev.vigil.contract.ContractAssertions.assertTimestampOrNull;
import static dev.vigil.contract.ContractAssertions.assertWrite;
import static dev.vigil.contract.ContractAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractClient.Resp;
import dev.vigil.testsupport.ScanFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API.md §5 over the wire: the option endpoints, job CRUD and execute. */
class JobContractTest extends ContractTestBase {

  private static final String JOBS = "/api/jobs";

  ContractFixture f;

  @BeforeEach
  void content() {
    f = fixture();
  }

  @Test
  void jobTypesOptionNamesTheSecurityScanType() {
    Resp r = admin.get("/api/options/jobTypes");
    assertSuccess(r);
    JsonNode data = r.json().get("data");
    assertThat(data).hasSize(1);
    assertThat(data.get(0).get("name").asString()).isEqualTo("Security Scan Job");
    assertThat(data.get(0).get("value").asLong()).isEqualTo(14);
    assertThat(data.get(0).get("code").asString()).isEqualTo("morpheus.securityScan.jobType");
    assertError(noScanning().get("/api/options/jobTypes"), 403);
    assertError(anonymous().get("/api/options/jobTypes"), 401, "unauthorized");
  }

  @Test
  void securityPackagesOptionListsReadyPackagesByIdAsValue() {
    Resp r = admin.get("/api/options/securityPackages");
    assertSuccess(r);
    List<String> names = new ArrayList<>();
    r.json()
        .get("data")
        .forEach(
            c -> {
              names.add(c.get("name").asString());
              if (c.get("name").asString().equals("ctrfix-nine-a")) {
                assertThat(c.get("value").asLong()).isEqualTo(f.packageA);
              }
            });
    assertThat(names).contains("ctrfix-nine-a", "ctrfix-nine-b");
    assertError(noScanning().get("/api/options/securityPackages"), 403);
  }

  @Test
  void jobOptionsTakeBareKeysAsTheCliSendsThem() {
    Resp r = admin.get("/api/job-options/14?taskId&workflowId&securityPackageId=" + f.packageA);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode b = r.json();
    assertThat(b.get("targetTypes").isArray()).isTrue();
    assertThat(b.get("targetTypes").get(0).get("name").asString()).isNotBlank();
    List<String> targetValues = new ArrayList<>();
    b.get("targetTypes").forEach(t -> targetValues.add(t.get("value").asString()));
    assertThat(targetValues).contains("server", "instance").doesNotContain("appliance");
    assertThat(b.get("schedules").get(0).get("name").asString()).isEqualTo("Manual");
    assertThat(b.get("schedules").get(0).get("value").asString()).isEqualTo("manual");
    assertThat(b.get("schedules").get(1).get("value").asString()).isEqualTo("dateTime");
    assertThat(b.get("allowCustomConfig").isBoolean()).isTrue();
    Resp bare = admin.get("/api/job-options/14?taskId&workflowId&securityPackageId");
    assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
    assertThat(bare.json().get("targetTypes").isArray()).isTrue();
    assertError(admin.get("/api/job-options/99?taskId"), 404);
    assertError(admin.get("/api/job-options/14?securityPackageId=abc"), 400, "securityPackageId");
    assertError(admin.get("/api/job-options/14?securityPackageId=999999"), 404);
    assertError(noScanning().get("/api/job-options/14"), 403);
  }

  @Test
  void createsTheCliBodyWithStrayKeysAndAnswersTheRecordShape() {
    String body =
        f.jobBody(
            "ctrjob-cli",
            f.packageA,
            List.of(f.local1, f.local2),
            ",\"labels\":[\"env:prod\"],\"target\":\"11\",\"schedule\":\"Daily\"");
    JsonNode made = assertWrite(admin.post(JOBS, body), "job");
    long id = made.get("id").asLong();
    Resp got = admin.get(JOBS + "/" + id + "?includeExecCount=3");
    JsonNode job = assertGet(got, "job");
    for (JsonNode j : List.of(made, job)) {
      assertThat(j.get("name").asString()).isEqualTo("ctrjob-cli");
      assertThat(j.get("type").get("id").asLong()).isEqualTo(14);
      assertThat(j.get("type").get("code").asString()).isEqualTo("morpheus.securityScan");
      assertThat(j.get("type").get("name").asString()).isEqualTo("Security Scan Job");
      assertThat(j.get("securityPackage").get("id").asLong()).isEqualTo(f.packageA);
      assertThat(j.get("securityPackage").get("name").asString()).isEqualTo("ctrfix-nine-a");
      assertThat(j.get("scanPath").asString()).isEqualTo(f.scanPath);
      assertThat(j.get("securityProfile").asString()).isEqualTo(ScanFixtures.NINE_PROFILE);
      assertThat(j.get("scheduleMode").asString()).isEqualTo("manual");
      assertThat(j.get("targetType").asString()).isEqualTo("server");
      assertThat(j.get("labels").toString()).isEqualTo("[\"env:prod\"]");
      assertThat(j.get("enabled").asBoolean()).isTrue();
      assertThat(j.get("targets")).hasSize(2);
      JsonNode t = j.get("targets").get(0);
      assertThat(t.get("id").isNumber()).isTrue();
      assertThat(t.get("refId").asLong()).isEqualTo(f.local1);
      assertThat(t.get("name").asString()).isEqualTo("ctrfix-local-1");
      assertThat(t.get("targetType").asString()).isEqualTo("server");
      assertTimestamp(j.get("dateCreated"), "dateCreated");
      assertTimestamp(j.get("lastUpdated"), "lastUpdated");
      assertThat(j.has("lastRun") && j.has("lastResult") && j.has("nextFire")).isTrue();
      assertThat(j.get("jobSummary").asString()).isEqualTo("ctrfix-nine-a");
    }
    JsonNode executions = got.json().get("executions");
    assertThat(executions.get("jobExecutions").isArray()).isTrue();
    assertThat(executions.get("meta").get("total").isNumber()).isTrue();
    assertThat(executions.get("meta").get("total").asLong()).isZero();
    JsonNode renamed =
        assertWrite(admin.put(JOBS + "/" + id, "{\"job\":{\"name\":\"ctrjob-renamed\"}}"), "job");
    assertThat(renamed.get("name").asString()).isEqualTo("ctrjob-renamed");
    assertThat(renamed.get("securityPackage").get("id").asLong()).isEqualTo(f.packageA);
    assertThat(renamed.get("targets")).hasSize(2);
    assertSuccess(admin.delete(JOBS + "/" + id));
    assertError(admin.get(JOBS + "/" + id), 404);
  }

  @Test
  void scheduleModeIsManualDateTimeOrAnExecuteScheduleIdAsNumberOrString() {
    long schedule =
        ContractClient.id(
            admin.post(
                "/api/execute-schedules",
                "{\"schedule\":{\"scheduleType\":\"execute\",\"name\":\"ctrjob-nightly\","
                    + "\"cron\":\"0 2 * * *\"}}"),
            "schedule");
    List<Long> one = List.of(f.local1);
    String byNumber = f.jobBody("ctrjob-sched-num", f.packageA, one, "");
    JsonNode n =
        assertWrite(
            admin.post(
                JOBS,
                byNumber.replace("\"scheduleMode\":\"manual\"", "\"scheduleMode\":" + schedule)),
            "job");
    assertThat(n.get("scheduleMode").asString()).isEqualTo(String.valueOf(schedule));
    assertTimestampOrNull(n.get("nextFire"), "nextFire");
    String byString = f.jobBody("ctrjob-sched-str", f.packageA, one, "");
    JsonNode s =
        assertWrite(
            admin.post(
                JOBS,
                byString.replace(
                    "\"scheduleMode\":\"manual\"", "\"scheduleMode\":\"" + schedule + "\"")),
            "job");
    assertThat(s.get("scheduleMode").asString()).isEqualTo(String.valueOf(schedule));
    JsonNode d =
        assertWrite(
            admin.post(
                JOBS,
                f.jobBody("ctrjob-sched-date", f.packageA, one, "")
                    .replace(
                        "\"scheduleMode\":\"manual\"",
                        "\"scheduleMode\":\"dateTime\",\"dateTime\":\"2099-02-15T05:00:00Z\"")),
            "job");
    assertThat(d.get("scheduleMode").asString()).isEqualTo("dateTime");
    assertTimestamp(d.get("dateTime"), "dateTime");
    assertThat(d.get("dateTime").asString()).startsWith("2099-02-15T05:00:00");
    JsonNode back =
        assertWrite(
            admin.put(JOBS + "/" + d.get("id").asLong(), "{\"job\":{\"scheduleMode\":\"manual\"}}"),
            "job");
    assertThat(back.get("scheduleMode").asString()).isEqualTo("manual");
    for (JsonNode j : List.of(n, s, d)) {
      assertSuccess(admin.delete(JOBS + "/" + j.get("id").asLong()));
    }
    assertSuccess(admin.delete("/api/execute-schedules/" + schedule));
  }

  @Test
  void executeAnswersSuccessJobAndJobExecutionAndTakesCustomConfigInBodyOrQuery() {
    long job = f.job("ctrjob-exec", f.packageA, List.of(ownServer()));
    Resp r = admin.put(JOBS + "/" + job + "/execute", "{\"customConfig\":\"ignored\"}");
    assertSuccess(r);
    assertThat(r.json().get("job").get("id").asLong()).isEqualTo(job);
    long execution = r.json().get("jobExecution").get("id").asLong();
    assertThat(r.json().get("jobExecution").has("processId")).isTrue();
    JsonNode busy = assertError(admin.put(JOBS + "/" + job + "/execute", "{}"), 400);
    assertThat(busy.get("msg").asString()).contains("already running");
    assertThat(busy.get("jobExecution").get("id").asLong()).isEqualTo(execution);
    f.awaitEnd(execution);
    Resp again =
        admin.send("PUT", JOBS + "/" + job + "/execute?customConfig=abc", "application/json", "");
    assertSuccess(again);
    f.awaitEnd(again.json().get("jobExecution").get("id").asLong());
    Resp got = admin.get(JOBS + "/" + job + "?includeExecCount=1");
    assertThat(got.json().get("executions").get("jobExecutions")).hasSize(1);
    assertThat(got.json().get("executions").get("meta").get("total").asLong()).isEqualTo(2);
    assertTimestamp(got.json().get("job").get("lastRun"), "lastRun");
    assertError(admin.put(JOBS + "/999999/execute", "{}"), 404);
    assertError(noScanning().put(JOBS + "/" + job + "/execute", "{}"), 403);
  }

  @Test
  void runTrueExecutesTheNewJobAtOnce() {
    long server = ownServer();
    JsonNode made =
        assertWrite(
            admin.post(JOBS, f.jobBody("ctrjob-run", f.packageA, List.of(server), ",\"run\":true")),
            "job");
    long id = made.get("id").asLong();
    JsonNode executions = admin.get(JOBS + "/" + id).json().get("executions");
    assertThat(executions.get("meta").get("total").asLong()).isOne();
    f.awaitEnd(executions.get("jobExecutions").get(0).get("id").asLong());
    Resp rerun = admin.put(JOBS + "/" + id, "{\"job\":{\"run\":\"on\"}}");
    assertWrite(rerun, "job");
    f.awaitEnd(rerun.json().get("jobExecution").get("id").asLong());
    assertError(
        admin.post(
            JOBS, f.jobBody("ctrjob-runbad", f.packageA, List.of(server), ",\"run\":\"soon\"")),
        400,
        "run");
    assertThat(assertList(admin.get(JOBS + "?name=ctrjob-runbad"), "jobs")).isEmpty();
    long group =
        ContractClient.id(
            admin.post("/api/instances", "{\"instance\":{\"name\":\"ctrjob-empty\"}}"), "instance");
    Resp empty =
        admin.post(
            JOBS,
            f.jobBody("ctrjob-runempty", f.packageA, List.of(group), ",\"run\":true")
                .replace("\"targetType\":\"server\"", "\"targetType\":\"instance\""));
    assertWrite(empty, "job");
    assertThat(empty.json().get("msg").asString())
        .isEqualTo("Job saved but not run: job ctrjob-runempty has no servers to scan");
    JsonNode quiet =
        assertWrite(
            admin.post(
                JOBS, f.jobBody("ctrjob-norun", f.packageA, List.of(server), ",\"run\":false")),
            "job");
    assertThat(
            admin
                .get(JOBS + "/" + quiet.get("id").asLong())
                .json()
                .get("executions")
                .get("meta")
                .get("total")
                .asLong())
        .isZero();
  }

  @Test
  void instanceTargetsWorkAndLabelTargetsAreSavedWithTheirLabel() {
    long instance =
        ContractClient.id(
            admin.post(
                "/api/instances",
                "{\"instance\":{\"name\":\"ctrjob-group\",\"servers\":[{\"id\":"
                    + f.local1
                    + "}]}}"),
            "instance");
    JsonNode j =
        assertWrite(
            admin.post(
                JOBS,
                f.jobBody("ctrjob-inst", f.packageA, List.of(instance), "")
                    .replace("\"targetType\":\"server\"", "\"targetType\":\"instance\"")),
            "job");
    assertThat(j.get("targetType").asString()).isEqualTo("instance");
    assertThat(j.get("targets").get(0).get("refId").asLong()).isEqualTo(instance);
    assertThat(j.get("targets").get(0).get("targetType").asString()).isEqualTo("instance");
    assertThat(j.get("targets").get(0).get("name").asString()).isEqualTo("ctrjob-group");
    JsonNode byLabel =
        assertWrite(
            admin.post(
                JOBS,
                f.jobBody("ctrjob-label", f.packageA, List.of(), "")
                    .replace(
                        "\"targetType\":\"server\",\"targets\":[]",
                        "\"targetType\":\"server-label\",\"serverLabel\":\"web\"")),
            "job");
    assertThat(byLabel.get("targetType").asString()).isEqualTo("server-label");
    assertThat(byLabel.get("serverLabel").asString()).isEqualTo("web");
    assertThat(byLabel.get("targets")).isEmpty();
  }

  @Test
  void listFollowsTheStandardParameters() {
    List<String> names =
        List.of("ctrjl-alpha", "ctrjl-bravo", "ctrjl-charlie", "ctrjl-delta", "ctrjl-echo");
    for (String n : names) {
      ensureJob(n, "");
    }
    new ListConventions(admin, JOBS, "jobs", "ctrjl", names).checkAll();
    assertThat(
            names(
                assertList(
                    admin.get(JOBS + "?phrase=ctrjl&itemSource=all&internalOnly=false"), "jobs")))
        .hasSize(5);
  }

  @Test
  void labelsAreAnyOfAndAllLabelsAllOf() {
    ensureJob("ctrjlb-both", ",\"labels\":[\"env:prod\",\"tier:web\"]");
    ensureJob("ctrjlb-env", ",\"labels\":[\"env:prod\"]");
    ensureJob("ctrjlb-none", "");
    String q = JOBS + "?phrase=ctrjlb&sort=name";
    assertThat(names(assertList(admin.get(q + "&labels=env:prod&labels=tier:web"), "jobs")))
        .containsExactly("ctrjlb-both", "ctrjlb-env");
    assertThat(names(assertList(admin.get(q + "&allLabels=env:prod&allLabels=tier:web"), "jobs")))
        .containsExactly("ctrjlb-both");
    assertThat(assertList(admin.get(q + "&labels&allLabels"), "jobs")).hasSize(3);
  }

  @Test
  void badInputIsA400WithFieldErrorsAndNothingIsSaved() {
    List<Long> one = List.of(f.local1);
    assertError(
        admin.post(
            JOBS,
            f.jobBody("ctrjbad-appliance", f.packageA, one, "")
                .replace("\"targetType\":\"server\"", "\"targetType\":\"appliance\"")),
        400,
        "targetType");
    assertError(
        admin.post(JOBS, f.jobBody("", f.packageA, one, "").replace("\"name\":\"\",", "")),
        400,
        "name");
    assertError(
        admin.post(JOBS, f.jobBody("ctrjbad-pkg", 999999, one, "")), 400, "securityPackage");
    assertError(
        admin.post(JOBS, f.jobBody("ctrjbad-target", f.packageA, List.of(999999L), "")),
        400,
        "targets");
    assertError(
        admin.post(
            JOBS,
            f.jobBody("ctrjbad-mode", f.packageA, one, "")
                .replace("\"scheduleMode\":\"manual\"", "\"scheduleMode\":\"weekly\"")),
        400,
        "scheduleMode");
    assertError(
        admin.post(JOBS, "{\"job\":{\"name\":\"ctrjbad-task\",\"task\":{\"id\":1}}}"), 400, "type");
    assertError(admin.post(JOBS, "{\"name\":\"ctrjbad-nokey\"}"), 400, "job");
    ensureJob("ctrjbad-taken", "");
    JsonNode dup =
        assertError(admin.post(JOBS, f.jobBody("ctrjbad-taken", f.packageA, one, "")), 400, "name");
    assertThat(dup.get("errors").get("name").asString()).isEqualTo("must be unique");
    assertThat(names(assertList(admin.get(JOBS + "?phrase=ctrjbad"), "jobs")))
        .as("nothing half-written")
        .containsExactly("ctrjbad-taken");
  }

  @Test
  void unknownIdsAre404AndOtherRolesAre403() {
    assertError(admin.get(JOBS + "/999999"), 404);
    assertError(admin.put(JOBS + "/999999", "{\"job\":{\"name\":\"x\"}}"), 404);
    assertError(admin.delete(JOBS + "/999999"), 404);
    assertError(noScanning().get(JOBS), 403);
    assertError(noScanning().get(JOBS + "/1"), 403);
    assertError(noScanning().post(JOBS, f.jobBody("ctr-403", f.packageA, List.of(), "")), 403);
    assertError(noScanning().delete(JOBS + "/1"), 403);
    assertError(anonymous().get(JOBS), 401, "unauthorized");
  }

  /** A local server of this class alone, so that its scans stay out of the scan family's. */
  private long ownServer() {
    JsonNode found = admin.get("/api/servers?name=ctrjob-local").json().get("servers");
    if (!found.isEmpty()) {
      return found.get(0).get("id").asLong();
    }
    return ContractClient.id(
        admin.post(
            "/api/servers",
            "{\"server\":{\"name\":\"ctrjob-local\",\"connectionType\":\"local\","
                + "\"sshHost\":\"localhost\",\"privilegeMode\":\"root\"}}"),
        "server");
  }

  private void ensureJob(String name, String extra) {
    if (admin.get(JOBS + "?name=" + name).json().get("jobs").isEmpty()) {
      assertWrite(admin.post(JOBS, f.jobBody(name, f.packageA, List.of(f.local1), extra)), "job");
    }
  }
}
