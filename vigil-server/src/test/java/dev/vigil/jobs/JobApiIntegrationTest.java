package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.VigilSystemTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/jobs} over real HTTP as the Morpheus CLI calls it: its exact create bodies, the
 * record and get shapes (with the empty executions the CLI needs), list conventions, updates of
 * changed fields, delete with a JSON content type and no body, and the in-use refusals of packages
 * and schedules. The package is real SSG content fetched over loopback HTTP.
 */
@VigilSystemTest
class JobApiIntegrationTest {

  static final String BASE = "/api/jobs";
  private JobFixture fx;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JobService service;
  ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    fx = JobFixture.of(api, port);
    jdbc.sql("delete from jobs").update();
  }

  @Test
  void createsTheCliManualJobIgnoringStrayKeysAndGetsItInMorpheusShape() {
    Response r = api.post(BASE, fx.cliBody("nightly-scan"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    long id = r.json().get("job").get("id").asLong();
    JsonNode got = api.get(BASE + "/" + id + "?includeExecCount=3").json();
    JsonNode j = got.get("job");
    assertThat(j.get("type").get("name").asString()).isEqualTo("Security Scan Job");
    assertThat(j.get("type").get("code").asString()).isEqualTo("morpheus.securityScan");
    assertThat(j.get("type").get("id").asLong()).isEqualTo(14);
    assertThat(j.get("securityPackage").get("id").asLong()).isEqualTo(fx.packageId);
    assertThat(j.get("securityPackage").get("name").asString()).isEqualTo(fx.packageName);
    assertThat(j.get("jobSummary").asString()).isEqualTo(fx.packageName);
    assertThat(j.get("scanPath").asString()).isEqualTo(fx.scanPath);
    assertThat(j.get("securityProfile").asString()).isEqualTo(JobFixture.STIG);
    assertThat(j.get("scheduleMode").asString()).isEqualTo("manual");
    assertThat(j.get("labels").get(0).asString()).isEqualTo("env:prod");
    assertThat(j.get("enabled").asBoolean()).isTrue();
    for (String nullField :
        List.of("status", "lastRun", "lastResult", "nextFire", "dateTime", "customConfig")) {
      assertThat(j.get(nullField).isNull()).as(nullField).isTrue();
    }
    assertThat(j.get("createdBy").get("username").asString()).isEqualTo("admin");
    assertThat(j.get("targetType").asString()).isEqualTo("server");
    assertThat(j.get("targets").get(0).get("name").asString()).isEqualTo("p" + port + "-web01");
    assertThat(j.get("targets").get(1).get("refId").asLong()).isEqualTo(fx.server2);
    assertThat(j.get("targets").get(0).get("targetType").asString()).isEqualTo("server");
    assertThat(j.get("timeoutMinutes").asInt()).isEqualTo(30);
    assertThat(j.get("maxParallel").asInt()).isEqualTo(10);
    assertThat(j.get("retriesOnTimeout").asInt()).isZero();
    assertThat(j.get("keepMinDays").asInt()).isEqualTo(90);
    assertThat(j.get("deleteAfterDays").asInt()).isEqualTo(365);
    assertThat(j.get("dateCreated").asString()).isNotBlank();
    assertThat(got.get("executions").get("jobExecutions").isArray()).isTrue();
    assertThat(got.get("executions").get("jobExecutions")).isEmpty();
    assertThat(got.get("executions").get("meta").get("total").asInt()).isZero();
  }

  @Test
  void integerScheduleIdOnInstancesIsStoredAndFiresOnceEnabled() {
    String body =
        "{\"job\":{\"targetType\":\"instance\",\"targets\":[{\"refId\":"
            + fx.instance
            + "}],\"securityPackage\":{\"id\":"
            + fx.packageId
            + "},\"scanPath\":"
            + ApiClient.quote(fx.scanPath)
            + ",\"securityProfile\":\""
            + JobFixture.STIG
            + "\",\"name\":\"weekly\",\"enabled\":false,\"scheduleMode\":"
            + fx.scheduleId
            + "}}";
    Response r = api.post(BASE, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json().get("job");
    assertThat(j.get("scheduleMode").asString()).isEqualTo(String.valueOf(fx.scheduleId));
    assertThat(j.get("targets").get(0).get("name").asString()).isEqualTo("p" + port + "-app");
    assertThat(j.get("nextFire").isNull()).isTrue();
    long id = j.get("id").asLong();
    Response on = api.put(BASE + "/" + id, "{\"job\":{\"enabled\":\"on\"}}");
    assertThat(on.json().get("job").get("nextFire").asString()).endsWith("T02:00:00Z");
    Job job = service.get(id);
    assertThat(service.resolveServerIds(job)).containsExactly(fx.server1, fx.server2);
    assertThat(service.scheduledJobs()).extracting(Job::id).containsExactly(id);
  }

  @Test
  void dateTimeJobFiresAtItsDateTime() {
    String at = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    String body =
        fx.cliBody("once")
            .replace(
                "\"scheduleMode\":\"manual\"",
                "\"scheduleMode\":\"dateTime\",\"dateTime\":\"" + at + "\"");
    Response r = api.post(BASE, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("job").get("scheduleMode").asString()).isEqualTo("dateTime");
    assertThat(r.json().get("job").get("dateTime").asString()).isEqualTo(at);
    assertThat(r.json().get("job").get("nextFire").asString()).isEqualTo(at);
  }

  @Test
  void listsWithMorpheusConventions() {
    for (String n : List.of("alpha", "alphabet", "beta")) {
      assertThat(api.post(BASE, fx.cliBody(n)).status()).isEqualTo(200);
    }
    assertThat(names("?name=alpha")).containsExactly("alpha");
    assertThat(names("?phrase=ALPHA")).containsExactly("alpha", "alphabet");
    assertThat(names("?sort=name&direction=desc&itemSource=all&internalOnly=false"))
        .containsExactly("beta", "alphabet", "alpha");
    assertThat(names("?labels=env:prod&allLabels=env:prod")).hasSize(3);
    assertThat(names("?labels=none")).isEmpty();
    JsonNode page = api.get(BASE + "?max=1&offset=1").json();
    assertThat(page.get("jobs")).hasSize(1);
    assertThat(page.get("meta").get("total").asInt()).isEqualTo(3);
    assertThat(page.get("meta").get("offset").asInt()).isEqualTo(1);
    assertThat(api.get(BASE + "?max=-1").json().get("meta").get("max").asInt()).isEqualTo(-1);
  }

  @Test
  void updateChangesOnlyTheFieldsSent() {
    long id = api.post(BASE, fx.cliBody("to-rename")).json().get("job").get("id").asLong();
    Response r = api.put(BASE + "/" + id, "{\"job\":{\"name\":\"renamed\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json().get("job");
    assertThat(j.get("name").asString()).isEqualTo("renamed");
    assertThat(j.get("targets")).hasSize(2);
    assertThat(j.get("securityProfile").asString()).isEqualTo(JobFixture.STIG);
    String body =
        "{\"job\":{\"targetType\":\"server\",\"targets\":[{\"refId\":"
            + fx.server2
            + "}],\"maxParallel\":3,\"scheduleMode\":"
            + fx.scheduleId
            + "}}";
    j = api.put(BASE + "/" + id, body).json().get("job");
    assertThat(j.get("targets")).hasSize(1);
    assertThat(j.get("maxParallel").asInt()).isEqualTo(3);
    assertThat(j.get("labels").get(0).asString()).isEqualTo("env:prod");
    j = api.put(BASE + "/" + id, "{\"job\":{\"scheduleMode\":\"manual\"}}").json().get("job");
    assertThat(j.get("scheduleMode").asString()).isEqualTo("manual");
    j =
        api.put(BASE + "/" + id, "{\"job\":{\"keepMinDays\":30,\"deleteAfterDays\":45}}")
            .json()
            .get("job");
    assertThat(j.get("keepMinDays").asInt()).isEqualTo(30);
    assertThat(j.get("deleteAfterDays").asInt()).isEqualTo(45);
    j = api.put(BASE + "/" + id, "{\"job\":{\"deleteAfterDays\":null}}").json().get("job");
    assertThat(j.get("deleteAfterDays").isNull()).as("null is never").isTrue();
    j = api.put(BASE + "/" + id, "{\"job\":{\"name\":\"renamed2\"}}").json().get("job");
    assertThat(j.get("keepMinDays").asInt()).as("unchanged when not sent").isEqualTo(30);
    assertThat(j.get("deleteAfterDays").isNull()).isTrue();
    j = api.put(BASE + "/" + id, "{\"job\":{\"deleteAfterDays\":\"400\"}}").json().get("job");
    assertThat(j.get("deleteAfterDays").asInt()).isEqualTo(400);
    j = api.put(BASE + "/" + id, "{\"job\":{\"deleteAfterDays\":\"never\"}}").json().get("job");
    assertThat(j.get("deleteAfterDays").isNull()).isTrue();
    assertThat(api.put(BASE + "/999999", "{\"job\":{\"name\":\"x\"}}").status()).isEqualTo(404);
  }

  @Test
  void deleteAcceptsAJsonContentTypeWithoutABody() throws Exception {
    long id = api.post(BASE, fx.cliBody("doomed")).json().get("job").get("id").asLong();
    HttpRequest delete =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + BASE + "/" + id))
            .header("Authorization", "Bearer " + token())
            .header("Content-Type", "application/json")
            .header("Accept", "*/*")
            .method("DELETE", HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(delete, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"success\":true");
    assertThat(api.get(BASE + "/" + id).status()).isEqualTo(404);
    assertThat(api.get(BASE + "/" + id).json().get("msg").asString()).contains("Job not found");
  }

  @Test
  void packageAndScheduleInUseCannotBeDeleted() {
    String body =
        fx.cliBody("pinning")
            .replace("\"scheduleMode\":\"manual\"", "\"scheduleMode\":\"" + fx.scheduleId + "\"");
    long id = api.post(BASE, body).json().get("job").get("id").asLong();
    Response pkg = api.delete("/api/security-packages/" + fx.packageId);
    assertThat(pkg.status()).isEqualTo(400);
    assertThat(pkg.json().get("msg").asString()).contains("job pinning");
    Response sched = api.delete("/api/execute-schedules/" + fx.scheduleId);
    assertThat(sched.status()).isEqualTo(400);
    assertThat(sched.json().get("msg").asString()).contains("job pinning");
    assertThat(api.delete(BASE + "/" + id).status()).isEqualTo(200);
    assertThat(api.get("/api/execute-schedules/" + fx.scheduleId).status()).isEqualTo(200);
  }

  private List<String> names(String query) {
    List<String> out = new ArrayList<>();
    api.get(BASE + query).json().get("jobs").forEach(j -> out.add(j.get("name").asString()));
    return out;
  }

  private String token() throws Exception {
    HttpRequest login =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + port
                        + "/oauth/token?grant_type=password&scope=write&client_id=morph-cli"
                        + "&username=admin"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "password="
                        + URLEncoder.encode(
                            VigilSystemTest.ADMIN_PASSWORD, StandardCharsets.UTF_8)))
            .build();
    String body =
        HttpClient.newHttpClient().send(login, HttpResponse.BodyHandlers.ofString()).body();
    return body.replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }
}
