package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Sql;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.Counts;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Large and bounded input, on each database: 70,000 job targets and schedule members (more than
 * PostgreSQL's 65,535 bind parameters) are checked and stored, each once and in order; unknown ids
 * among them are a 400 naming the first 20 and their count, writing nothing; a body over {@code
 * vigil.api.max-request-body} (2 MB here) is a 413 in the Morpheus error shape, declared or
 * chunked, signed in or not.
 */
abstract class BoundedInputFlow {

  static final String PASSWORD = VigilSystemTest.ADMIN_PASSWORD;
  static final String SETTINGS = "vigil.api.max-request-body=2MB";
  private static final int SERVERS = 70_000;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ApiClient api;
  JobFixture fx;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", PASSWORD);
    fx = JobFixture.of(api, port);
    jdbc.sql("delete from jobs").update();
    if (Counts.rows(jdbc, "servers") < SERVERS) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      List<List<Object>> rows = new ArrayList<>(SERVERS);
      for (int i = 1; i <= SERVERS; i++) {
        rows.add(List.of("bulk-" + i, "localhost", 22, "root", "local", false, now, now));
      }
      Sql.insertRows(
          jdbc,
          "servers",
          List.of(
              "name",
              "ssh_host",
              "ssh_port",
              "privilege_mode",
              "connection_type",
              "host_key_expected",
              "created_at",
              "updated_at"),
          rows);
    }
  }

  @Test
  void seventyThousandTargetsAreStoredOnceEachInOrder() {
    List<Long> ids = bulkIds();
    List<Long> sent = new ArrayList<>(ids);
    sent.addAll(ids.subList(0, 1000));
    Response r = api.post("/api/jobs", jobBody("many", sent));
    assertThat(r.status())
        .as(r.body().substring(0, Math.min(500, r.body().length())))
        .isEqualTo(200);
    long job = r.json().get("job").get("id").asLong();
    List<Long> stored =
        jdbc.sql("select ref_id from job_targets where job_id = ? order by position")
            .param(job)
            .query(Long.class)
            .list();
    assertThat(stored).isEqualTo(ids);
  }

  @Test
  void unknownTargetIdsAreA400NamingTheFirstTwentyAndTheirCount() {
    List<Long> sent = new ArrayList<>(bulkIds());
    for (long unknown = 900_000_001L; unknown <= 900_000_025L; unknown++) {
      sent.add(unknown);
    }
    Response r = api.post("/api/jobs", jobBody("unknown", sent));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get("targets").asString())
        .startsWith("25 unknown server ids, the first 20: 900000001, 900000002,")
        .endsWith("900000020, …");
    assertThat(Counts.rows(jdbc, "jobs")).isZero();
    assertThat(Counts.rows(jdbc, "job_targets")).isZero();
  }

  @Test
  void seventyThousandScheduleMembersAreAddedAndUnknownOnesRefused() {
    long schedule = fx.scheduleId;
    jdbc.sql("delete from execute_schedule_servers").update();
    String ids = bulkIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    Response bad =
        api.put(
            "/api/execute-schedules/" + schedule + "/add-servers",
            "{\"servers\":[" + ids + ",900000001]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").get("servers").asString())
        .isEqualTo("1 unknown server id: 900000001");
    assertThat(Counts.rows(jdbc, "execute_schedule_servers")).isZero();
    Response ok =
        api.put(
            "/api/execute-schedules/" + schedule + "/add-servers", "{\"servers\":[" + ids + "]}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(Counts.rows(jdbc, "execute_schedule_servers")).isEqualTo(SERVERS);
  }

  @Test
  void aBodyOverTheLimitIsA413DeclaredOrChunkedSignedInOrNot() throws Exception {
    byte[] big = ("{\"job\":{\"name\":\"" + "x".repeat(3 << 20) + "\"}}").getBytes();
    Response declared = api.post("/api/jobs", new String(big, StandardCharsets.UTF_8));
    assertTooLarge(declared.status(), declared.json());
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTooLarge(anonymous.statusCode(), JsonMapper.builder().build().readTree(anonymous.body()));
    String token = api.token();
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTooLarge(chunked.statusCode(), JsonMapper.builder().build().readTree(chunked.body()));
    assertThat(Counts.rows(jdbc, "jobs")).isZero();
  }

  private static void assertTooLarge(int status, JsonNode body) {
    assertThat(status).isEqualTo(413);
    assertThat(body.get("success").asBoolean()).isFalse();
    assertThat(body.get("msg").asString())
        .isEqualTo("Request body is larger than the limit of 2 MB (vigil.api.max-request-body)");
  }

  private List<Long> bulkIds() {
    return jdbc.sql("select id from servers where name like 'bulk-%' order by id")
        .query(Long.class)
        .list();
  }

  private String jobBody(String name, List<Long> targets) {
    String refs =
        targets.stream().map(id -> "{\"refId\":" + id + "}").collect(Collectors.joining(","));
    return "{\"job\":{\"targetType\":\"server\",\"targets\":["
        + refs
        + "],\"securityPackage\":{\"id\":"
        + fx.packageId
        + "},\"scanPath\":"
        + ApiClient.quote(fx.scanPath)
        + ",\"securityProfile\":\""
        + JobFixture.STIG
        + "\",\"name\":"
        + ApiClient.quote(name)
        + ",\"scheduleMode\":\"manual\"}}";
  }
}
