package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.VigilSystemTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad job input is a 400 with {@code errors.<field>} in the Morpheus error shape, all
 * problems of one body are reported together, and nothing is written.
 */
@VigilSystemTest
class JobBadInputApiIntegrationTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ApiClient api;
  JobFixture fx;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    fx = JobFixture.of(api, port);
    jdbc.sql("delete from jobs").update();
  }

  @Test
  void eachBadFieldIsA400NamingItAndWritesNothing() {
    String ok = fx.cliBody("bad");
    String manual = "\"scheduleMode\":\"manual\"";
    String servers = "\"targets\":[{\"refId\":" + fx.server1 + "},{\"refId\":" + fx.server2 + "}]";
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put(
        "unknown package",
        swap(ok, "{\"id\":" + fx.packageId + "}", "{\"id\":999999}", "securityPackage"));
    cases.put(
        "checklist not in package", swap(ok, q(fx.scanPath), "\"ssg-rhel9-ds.xml\"", "scanPath"));
    cases.put(
        "profile not in checklist", swap(ok, JobFixture.STIG, "xccdf_nope", "securityProfile"));
    cases.put("unknown schedule", swap(ok, manual, "\"scheduleMode\":999999", "scheduleMode"));
    cases.put(
        "bad schedule mode", swap(ok, manual, "\"scheduleMode\":\"Daily-ish\"", "scheduleMode"));
    cases.put(
        "dateTime in the past",
        swap(
            ok,
            manual,
            "\"scheduleMode\":\"dateTime\",\"dateTime\":\"2020-01-01T00:00:00Z\"",
            "dateTime"));
    cases.put("dateTime missing", swap(ok, manual, "\"scheduleMode\":\"dateTime\"", "dateTime"));
    cases.put("empty targets", swap(ok, servers, "\"targets\":[]", "targets"));
    cases.put("unknown server", swap(ok, servers, "\"targets\":[{\"refId\":424242}]", "targets"));
    cases.put(
        "unknown instance",
        swap(
            ok,
            "\"targetType\":\"server\"," + servers,
            "\"targetType\":\"instance\",\"targets\":[{\"refId\":424242}]",
            "targets"));
    cases.put(
        "server and instance mixed",
        swap(
            ok,
            servers,
            "\"targets\":[{\"refId\":"
                + fx.server1
                + "},{\"refId\":"
                + fx.instance
                + ",\"targetType\":\"instance\"}]",
            "targets"));
    cases.put(
        "instance among servers, no targetType",
        swap(
            ok,
            "\"targetType\":\"server\"," + servers,
            "\"targets\":[{\"refId\":"
                + fx.server1
                + "},{\"refId\":"
                + fx.instance
                + ",\"targetType\":\"instance\"}]",
            "targets"));
    Map<String, String> fieldOf =
        Map.of(
            "appliance",
            "targetType",
            "server-label",
            "serverLabel",
            "instance-label",
            "instanceLabel");
    for (var type : fieldOf.entrySet()) {
      cases.put(
          type.getKey(),
          swap(
              ok,
              "\"targetType\":\"server\"",
              "\"targetType\":\"" + type.getKey() + "\"",
              type.getValue()));
    }
    cases.put("timeout", swap(ok, manual, manual + ",\"timeoutMinutes\":0", "timeoutMinutes"));
    cases.put("parallel", swap(ok, manual, manual + ",\"maxParallel\":501", "maxParallel"));
    cases.put("retries", swap(ok, manual, manual + ",\"retriesOnTimeout\":6", "retriesOnTimeout"));
    cases.put("keep 0 days", swap(ok, manual, manual + ",\"keepMinDays\":0", "keepMinDays"));
    cases.put("keep 3651 days", swap(ok, manual, manual + ",\"keepMinDays\":3651", "keepMinDays"));
    cases.put("keep a fraction", swap(ok, manual, manual + ",\"keepMinDays\":1.5", "keepMinDays"));
    cases.put(
        "delete after 0 days",
        swap(ok, manual, manual + ",\"deleteAfterDays\":0", "deleteAfterDays"));
    cases.put(
        "delete after 36501 days",
        swap(ok, manual, manual + ",\"deleteAfterDays\":36501", "deleteAfterDays"));
    cases.put(
        "delete after soon",
        swap(ok, manual, manual + ",\"deleteAfterDays\":\"soon\"", "deleteAfterDays"));
    cases.put(
        "delete before the default keep",
        swap(ok, manual, manual + ",\"deleteAfterDays\":30", "deleteAfterDays"));
    cases.put(
        "delete before keep",
        swap(
            ok, manual, manual + ",\"keepMinDays\":100,\"deleteAfterDays\":99", "deleteAfterDays"));
    cases.put(
        "delete after an object",
        swap(ok, manual, manual + ",\"deleteAfterDays\":{\"days\":9}", "deleteAfterDays"));
    cases.put("no name", swap(ok, "\"name\":\"bad\",", "", "name"));
    cases.put(
        "no package",
        swap(ok, "\"securityPackage\":{\"id\":" + fx.packageId + "},", "", "securityPackage"));
    cases.put("task job", new String[] {"{\"job\":{\"name\":\"t\",\"task\":{\"id\":1}}}", "type"});
    cases.put(
        "workflow job",
        new String[] {"{\"job\":{\"name\":\"w\",\"workflow\":{\"id\":1}}}", "type"});
    for (var c : cases.entrySet()) {
      Response r = api.post(JobApiIntegrationTest.BASE, c.getValue()[0]);
      assertThat(r.status()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().get("success").asBoolean()).isFalse();
      assertThat(r.json().get("errors").has(c.getValue()[1]))
          .as(c.getKey() + ": " + r.body())
          .isTrue();
    }
    assertThat(jobCount()).isZero();
    assertThat(rows("job_targets")).isZero();
    assertThat(rows("job_labels")).isZero();
  }

  @Test
  void retentionMessagesSayWhatIsAllowed() {
    String manual = "\"scheduleMode\":\"manual\"";
    JsonNode errors =
        api.post(
                JobApiIntegrationTest.BASE,
                fx.cliBody("r").replace(manual, manual + ",\"keepMinDays\":0"))
            .json()
            .get("errors");
    assertThat(errors.get("keepMinDays").asString())
        .isEqualTo("must be a whole number from 1 to 3650");
    errors =
        api.post(
                JobApiIntegrationTest.BASE,
                fx.cliBody("r")
                    .replace(manual, manual + ",\"keepMinDays\":100,\"deleteAfterDays\":99"))
            .json()
            .get("errors");
    assertThat(errors.get("deleteAfterDays").asString())
        .isEqualTo(
            "must be at least keepMinDays (100): scans are kept at least that long, so they"
                + " cannot be deleted after 99 days");
    errors =
        api.post(
                JobApiIntegrationTest.BASE,
                fx.cliBody("r").replace(manual, manual + ",\"deleteAfterDays\":36501"))
            .json()
            .get("errors");
    assertThat(errors.get("deleteAfterDays").asString())
        .isEqualTo("must be a whole number of days from 1 to 36500, or never");
    assertThat(jobCount()).isZero();
  }

  @Test
  void allProblemsOfOneBodyAreReportedTogether() {
    String body =
        "{\"job\":{\"name\":\"many\",\"securityPackage\":{\"id\":999999},\"scanPath\":\"x.xml\","
            + "\"securityProfile\":\"p\",\"scheduleMode\":\"dateTime\","
            + "\"dateTime\":\"2020-01-01T00:00:00Z\",\"targetType\":\"appliance\",\"targets\":[]}}";
    Response r = api.post(JobApiIntegrationTest.BASE, body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("msg").asString()).isEqualTo("Unable to save job");
    JsonNode errors = r.json().get("errors");
    assertThat(errors.get("securityPackage").asString()).contains("999999");
    assertThat(errors.get("dateTime").asString()).contains("future");
    assertThat(errors.get("targetType").asString()).contains("servers or instances");
    assertThat(jobCount()).isZero();
  }

  @Test
  void aBadUpdateChangesNothingAndADuplicateNameIsRefused() {
    long id =
        api.post(JobApiIntegrationTest.BASE, fx.cliBody("keep"))
            .json()
            .get("job")
            .get("id")
            .asLong();
    assertThat(api.post(JobApiIntegrationTest.BASE, fx.cliBody("other")).status()).isEqualTo(200);
    Response r =
        api.put(
            JobApiIntegrationTest.BASE + "/" + id,
            "{\"job\":{\"name\":\"other\",\"securityProfile\":\"xccdf_nope\",\"targets\":[]}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get("name").asString()).isEqualTo("must be unique");
    assertThat(r.json().get("errors").has("securityProfile")).isTrue();
    assertThat(r.json().get("errors").has("targets")).isTrue();
    JsonNode j = api.get(JobApiIntegrationTest.BASE + "/" + id).json().get("job");
    assertThat(j.get("name").asString()).isEqualTo("keep");
    assertThat(j.get("targets")).hasSize(2);
  }

  @Test
  void eachBadFieldOfAnUpdateIsA400NamingItAndChangesNothing() {
    long id =
        api.post(JobApiIntegrationTest.BASE, fx.cliBody("steady"))
            .json()
            .get("job")
            .get("id")
            .asLong();
    String path = JobApiIntegrationTest.BASE + "/" + id;
    JsonNode before = api.get(path).json().get("job");
    long targets = rows("job_targets");
    long labels = rows("job_labels");
    String[][] cases = {
      {"{\"job\":{\"securityPackage\":{\"id\":999999}}}", "securityPackage"},
      {"{\"job\":{\"scanPath\":\"ssg-rhel9-ds.xml\"}}", "scanPath"},
      {"{\"job\":{\"securityProfile\":\"xccdf_nope\"}}", "securityProfile"},
      {"{\"job\":{\"scheduleMode\":999999}}", "scheduleMode"},
      {
        "{\"job\":{\"scheduleMode\":\"dateTime\",\"dateTime\":\"2020-01-01T00:00:00Z\"}}",
        "dateTime"
      },
      {"{\"job\":{\"targets\":[]}}", "targets"},
      {"{\"job\":{\"targetType\":\"appliance\"}}", "targetType"},
      {
        "{\"job\":{\"targets\":[{\"refId\":"
            + fx.server1
            + "},{\"refId\":"
            + fx.instance
            + ",\"targetType\":\"instance\"}]}}",
        "targets"
      },
      {"{\"job\":{\"targetType\":\"instance\",\"targets\":[{\"refId\":424242}]}}", "targets"},
      {"{\"job\":{\"maxParallel\":0}}", "maxParallel"},
      {"{\"job\":{\"keepMinDays\":0}}", "keepMinDays"},
      {"{\"job\":{\"keepMinDays\":\"ninety\"}}", "keepMinDays"},
      {"{\"job\":{\"keepMinDays\":366}}", "keepMinDays"},
      {"{\"job\":{\"deleteAfterDays\":-1}}", "deleteAfterDays"},
      {"{\"job\":{\"deleteAfterDays\":89}}", "deleteAfterDays"},
      {"{\"job\":{\"keepMinDays\":10,\"deleteAfterDays\":9}}", "deleteAfterDays"}
    };
    for (String[] c : cases) {
      Response r = api.put(path, c[0]);
      assertThat(r.status()).as(c[0] + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().get("success").asBoolean()).isFalse();
      assertThat(r.json().get("errors").has(c[1])).as(c[0] + ": " + r.body()).isTrue();
    }
    assertThat(api.get(path).json().get("job")).isEqualTo(before);
    assertThat(rows("job_targets")).isEqualTo(targets);
    assertThat(rows("job_labels")).isEqualTo(labels);
    assertThat(jobCount()).isOne();
  }

  private long rows(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private long jobCount() {
    return jdbc.sql("select count(*) from jobs").query(Long.class).single();
  }

  private static String q(String s) {
    return ApiClient.quote(s);
  }

  /** A case: {@code body} with {@code from} replaced by {@code to}, expecting {@code field}. */
  private static String[] swap(String body, String from, String to, String field) {
    if (!body.contains(from)) {
      throw new IllegalArgumentException("no " + from + " in " + body);
    }
    return new String[] {body.replace(from, to), field};
  }
}
