package dev.vigil.executions;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Packages, servers and jobs for execution tests, made through the real REST API. */
final class ExecutionApi {

  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");

  private final ApiClient api;
  private final SshdHarness sshd;
  private final Path content;

  ExecutionApi(ApiClient api, SshdHarness sshd, Path content) {
    this.api = api;
    this.sshd = sshd;
    this.content = content;
  }

  long readyPackage(String name) {
    long id =
        create(
            "/api/security-packages",
            "{\"securityPackage\":{\"name\":\""
                + name
                + "\",\"url\":"
                + ApiClient.quote(content.toUri().toString())
                + "}}",
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/api/security-packages/" + id)
                    .json()
                    .get("securityPackage")
                    .get("status")
                    .asString()
                    .equals("ready"));
    return id;
  }

  long localServer(String name) {
    return create(
        "/api/servers",
        "{\"server\":{\"name\":\""
            + name
            + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\",\"privilegeMode\":\"root\"}}",
        "server");
  }

  long sshServer(String name) {
    long cred =
        create(
            "/api/credentials",
            "{\"credential\":{\"name\":\"key-"
                + name
                + "\",\"type\":\"username-keypair\",\"username\":\"root\",\"privateKey\":"
                + ApiClient.quote(sshd.userKey())
                + "}}",
            "credential");
    return create(
        "/api/servers",
        "{\"server\":{\"name\":\""
            + name
            + "\",\"sshHost\":\""
            + sshd.host()
            + "\",\"sshPort\":"
            + sshd.port()
            + ",\"credential\":{\"id\":"
            + cred
            + "},\"privilegeMode\":\"root\",\"connectionType\":\"ssh\"}}",
        "server");
  }

  long job(String name, long pkg, List<Long> servers, int maxParallel) {
    String targets =
        servers.stream().map(s -> "{\"refId\":" + s + "}").collect(Collectors.joining(","));
    return create(
        "/api/jobs",
        "{\"job\":{\"targetType\":\"server\",\"targets\":["
            + targets
            + "],\"securityPackage\":{\"id\":"
            + pkg
            + "},\"scanPath\":"
            + ApiClient.quote(content.getFileName().toString())
            + ",\"securityProfile\":"
            + ApiClient.quote(NINE_PROFILE)
            + ",\"name\":\""
            + name
            + "\",\"scheduleMode\":\"manual\",\"maxParallel\":"
            + maxParallel
            + "}}",
        "job");
  }

  /** Executes the job and returns the execution id. */
  long execute(long job) {
    ApiClient.Response r = api.put("/api/jobs/" + job + "/execute", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    assertThat(r.json().get("job").get("id").asLong()).isEqualTo(job);
    return r.json().get("jobExecution").get("id").asLong();
  }

  /** Polls the execution until it ended and returns it. */
  JsonNode awaitEnd(long execution) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              last[0] = api.get("/api/job-executions/" + execution).json().get("jobExecution");
              return ENDED.contains(last[0].get("status").asString());
            });
    return last[0];
  }

  private long create(String path, String body, String key) {
    ApiClient.Response r = api.post(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }
}
