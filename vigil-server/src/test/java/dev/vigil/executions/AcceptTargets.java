package dev.vigil.executions;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What the acceptance tests build through the REST API beyond {@link ExecutionApi}: SSH servers of
 * any login user, address and privilege mode, packages of any local content, jobs of any profile
 * and parallelism, and reads of an execution's events.
 */
final class AcceptTargets {

  private final ApiClient api;

  AcceptTargets(ApiClient api) {
    this.api = api;
  }

  /** A ready package of the local file {@code content} (under the allowed file roots). */
  long filePackage(String name, Path content) {
    return readyPackage(name, content.toUri().toString());
  }

  /** A package fetched from {@code url}, once ready; fails at once when its fetch fails. */
  long readyPackage(String name, String url) {
    long id =
        create(
            "/api/security-packages",
            "{\"securityPackage\":{\"name\":\""
                + name
                + "\",\"type\":\"scap-package\",\"url\":"
                + ApiClient.quote(url)
                + "}}",
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode p = api.get("/api/security-packages/" + id).json().get("securityPackage");
              assertThat(p.get("status").asString()).as(p.toString()).isNotEqualTo("failed");
              return p.get("status").asString().equals("ready");
            });
    return id;
  }

  /** An SSH server logging in as {@code user} with {@code privateKey}. */
  long sshServer(
      String name, String host, int port, String user, String privateKey, String privilege) {
    long cred =
        create(
            "/api/credentials",
            "{\"credential\":{\"name\":\"key-"
                + name
                + "\",\"type\":\"username-keypair\",\"username\":"
                + ApiClient.quote(user)
                + ",\"privateKey\":"
                + ApiClient.quote(privateKey)
                + "}}",
            "credential");
    return create(
        "/api/servers",
        "{\"server\":{\"name\":\""
            + name
            + "\",\"sshHost\":\""
            + host
            + "\",\"sshPort\":"
            + port
            + ",\"credential\":{\"id\":"
            + cred
            + "},\"privilegeMode\":\""
            + privilege
            + "\",\"connectionType\":\"ssh\"}}",
        "server");
  }

  /** A manual job over {@code servers} scanning {@code checklist} with {@code profile}. */
  long job(String name, long pkg, String checklist, String profile, List<Long> servers, int max) {
    return job(name, "server", servers, pkg, checklist, profile, "\"manual\"", max);
  }

  /**
   * A job of {@code targetType} over {@code refIds}; {@code scheduleMode} is its JSON value ({@code
   * "manual"} quoted, or an execute schedule id).
   */
  long job(
      String name,
      String targetType,
      List<Long> refIds,
      long pkg,
      String checklist,
      String profile,
      String scheduleMode,
      int maxParallel) {
    String targets =
        refIds.stream().map(s -> "{\"refId\":" + s + "}").collect(Collectors.joining(","));
    return create(
        "/api/jobs",
        "{\"job\":{\"targetType\":\""
            + targetType
            + "\",\"targets\":["
            + targets
            + "],\"securityPackage\":{\"id\":"
            + pkg
            + "},\"scanPath\":"
            + ApiClient.quote(checklist)
            + ",\"securityProfile\":"
            + ApiClient.quote(profile)
            + ",\"name\":\""
            + name
            + "\",\"scheduleMode\":"
            + scheduleMode
            + ",\"maxParallel\":"
            + maxParallel
            + "}}",
        "job");
  }

  /** A manual job of the nine-results profile. */
  long nineJob(String name, long pkg, String checklist, List<Long> servers, int max) {
    return job(name, pkg, checklist, NINE_PROFILE, servers, max);
  }

  /** The execution as the API shows it now. */
  JsonNode execution(long id) {
    return api.get("/api/job-executions/" + id).json().get("jobExecution");
  }

  /** The execution's events (one per target run), in target order. */
  List<JsonNode> events(long id) {
    List<JsonNode> out = new ArrayList<>();
    execution(id).get("process").get("events").forEach(out::add);
    return out;
  }

  /** Waits until the execution's event at {@code position} is in {@code targetStatus}. */
  void awaitTarget(long execution, int position, String targetStatus) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                events(execution)
                    .get(position)
                    .get("targetStatus")
                    .asString()
                    .equals(targetStatus));
  }

  /** POSTs {@code body} to {@code path}, expects 200 and returns the new record's id. */
  long create(String path, String body, String key) {
    ApiClient.Response r = api.post(path, body);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }
}
