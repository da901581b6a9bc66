package dev.vigil.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Packages, servers, schedules and jobs for the compliance tests, made through the REST API. */
final class ComplianceFleet {

  private final ApiClient api;
  private final FleetApi fleet;
  private final SshdHarness sshd;
  private final Path content;

  ComplianceFleet(ApiClient api, SshdHarness sshd, Path content) {
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

  long schedule(String name, String cron, boolean enabled) {
    return fleet.schedule(name, cron, enabled);
  }

  /** A job of {@code profile} over {@code servers}; {@code mode} is "manual" or a schedule id. */
  long job(String name, long pkg, List<Long> servers, String profile, String mode) {
    return create(
        "/api/jobs", "{\"job\":" + jobBody(name, pkg, servers, profile, mode) + "}", "job");
  }

  void retarget(long job, List<Long> servers) {
    ApiClient.Response r =
        api.put("/api/jobs/" + job, "{\"job\":{\"targets\":[" + targets(servers) + "]}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** Executes the job and waits until the execution ended; returns its status. */
  String run(long job) {
    return fleet.awaitEnd(fleet.execute(job), Duration.ofSeconds(120)).get("status").asString();
  }

  /** The compliance record of the server from the API. */
  JsonNode compliance(long server) {
    ApiClient.Response r = api.get("/api/servers/" + server + "/compliance");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("compliance");
  }

  /** The server's profile entry with this id. */
  JsonNode profile(long server, String profileId) {
    for (JsonNode p : compliance(server).get("profiles")) {
      if (p.get("profileId").asString().equals(profileId)) {
        return p;
      }
    }
    throw new AssertionError("no profile " + profileId + " in " + compliance(server));
  }

  private String jobBody(String name, long pkg, List<Long> servers, String profile, String mode) {
    return "{\"targetType\":\"server\",\"targets\":["
        + targets(servers)
        + "],\"securityPackage\":{\"id\":"
        + pkg
        + "},\"scanPath\":"
        + ApiClient.quote(content.getFileName().toString())
        + ",\"securityProfile\":"
        + ApiClient.quote(profile)
        + ",\"name\":\""
        + name
        + "\",\"scheduleMode\":"
        + ApiClient.quote(mode)
        + "}";
  }

  private static String targets(List<Long> servers) {
    return servers.stream().map(s -> "{\"refId\":" + s + "}").collect(Collectors.joining(","));
  }

  private long create(String path, String body, String key) {
    ApiClient.Response r = api.post(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }
}
