package dev.vigil.executions;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Packages, servers and jobs for execution tests, made through the real REST API. */
final class ExecutionApi {

  private final ApiClient api;
  private final FleetApi fleet;
  private final SshdHarness sshd;
  private final Path content;

  ExecutionApi(ApiClient api, SshdHarness sshd, Path content) {
    this.api = api;
    this.fleet = new FleetApi(api);
    this.sshd = sshd;
    this.content = content;
  }

  long readyPackage(String name) {
    return fleet.readyPackage(name, content);
  }

  long localServer(String name) {
    return fleet.localServer(name);
  }

  long sshServer(String name) {
    return fleet.sshServer(name, sshd);
  }

  long job(String name, long pkg, List<Long> servers, int maxParallel) {
    return job(name, pkg, servers, maxParallel, NINE_PROFILE);
  }

  /** A manual job of the content's checklist with {@code profile}. */
  long job(String name, long pkg, List<Long> servers, int maxParallel, String profile) {
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
            + ApiClient.quote(profile)
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
    return fleet.awaitEnd(execution, Duration.ofSeconds(120));
  }

  private long create(String path, String body, String key) {
    ApiClient.Response r = api.post(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }
}
