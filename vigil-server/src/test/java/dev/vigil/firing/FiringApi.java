package dev.vigil.firing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Schedules, packages, servers and timed jobs for firing tests, made through the REST API. */
final class FiringApi {

  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");

  private final ApiClient api;
  private final FleetApi fleet;

  FiringApi(ApiClient api) {
    this.api = api;
    this.fleet = new FleetApi(api);
  }

  long schedule(String name, String cron, boolean enabled) {
    return fleet.schedule(name, cron, enabled);
  }

  long readyPackage(String name, Path content) {
    return fleet.readyPackage(name, content);
  }

  long localServer(String name) {
    return fleet.localServer(name);
  }

  /**
   * A job of {@code content}'s checklist and {@code profile} on one server; {@code when} is the
   * JSON of its schedule fields, e.g. {@code "scheduleMode":5}.
   */
  long job(
      String name, long pkg, Path content, String profile, long server, String when, boolean on) {
    return create(
        "/api/jobs",
        "{\"job\":{\"targetType\":\"server\",\"targets\":[{\"refId\":"
            + server
            + "}],\"securityPackage\":{\"id\":"
            + pkg
            + "},\"scanPath\":"
            + ApiClient.quote(content.getFileName().toString())
            + ",\"securityProfile\":"
            + ApiClient.quote(profile)
            + ",\"name\":\""
            + name
            + "\",\"enabled\":"
            + on
            + ","
            + when
            + "}}",
        "job");
  }

  /**
   * The job's fires, newest first, from {@code GET /api/jobs/{id}/fires}. The page and its total
   * are two reads, so a tick that records a fire between them makes them differ once: the call is
   * repeated until both agree.
   */
  JsonNode fires(long job) {
    ApiClient.Response[] last = new ApiClient.Response[1];
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              last[0] = api.get("/api/jobs/" + job + "/fires?max=-1");
              assertThat(last[0].status()).as(last[0].body()).isEqualTo(200);
              return last[0].json().get("meta").get("total").asInt()
                  == last[0].json().get("fires").size();
            });
    return last[0].json().get("fires");
  }

  /** Waits until the job has {@code n} fires and returns them, newest first. */
  JsonNode awaitFires(long job, int n) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = fires(job);
              return last[0].size() >= n;
            });
    assertThat(last[0]).as(last[0].toString()).hasSize(n);
    return last[0];
  }

  int executionCount(long job) {
    return api.get("/api/job-executions?jobId=" + job).json().get("meta").get("total").asInt();
  }

  JsonNode execution(long id) {
    return api.get("/api/job-executions/" + id).json().get("jobExecution");
  }

  /** Polls the execution until it ended and returns it. */
  JsonNode awaitEnd(long id) {
    return fleet.awaitEnd(id, Duration.ofSeconds(60));
  }

  /** Cancels every execution still under way and deletes every job. */
  void deleteAllJobs() {
    JsonNode running = api.get("/api/job-executions?max=-1").json().get("jobExecutions");
    for (JsonNode e : running) {
      if (!ENDED.contains(e.get("status").asString())) {
        api.put("/api/job-executions/" + e.get("id").asLong() + "/cancel", "{}");
        awaitEnd(e.get("id").asLong());
      }
    }
    for (JsonNode j : api.get("/api/jobs?max=-1").json().get("jobs")) {
      api.delete("/api/jobs/" + j.get("id").asLong());
    }
  }

  private long create(String path, String body, String key) {
    ApiClient.Response r = api.post(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }
}
