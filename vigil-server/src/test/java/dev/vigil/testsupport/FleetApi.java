package dev.vigil.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Packages, servers, schedules and jobs for system tests and benchmarks, made through the real REST
 * API of one node (what one node writes, every node of the cluster sees).
 */
public final class FleetApi {

  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");

  private final ApiClient api;

  public FleetApi(ApiClient api) {
    this.api = api;
  }

  public ApiClient api() {
    return api;
  }

  /**
   * Adds a package of the content file (its folder must be an allowed file root) and waits until it
   * is ready; returns its id.
   */
  public long readyPackage(String name, Path content) {
    long id =
        create(
            "/api/security-packages",
            "{\"securityPackage\":{\"name\":"
                + ApiClient.quote(name)
                + ",\"url\":"
                + ApiClient.quote(content.toUri().toString())
                + "}}",
            "securityPackage");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      String status =
          api.get("/api/security-packages/" + id)
              .json()
              .get("securityPackage")
              .get("status")
              .asString();
      if (status.equals("ready")) {
        return id;
      }
      if (status.equals("failed") || System.nanoTime() > deadline) {
        throw new IllegalStateException("package " + name + " is " + status);
      }
      sleep(100);
    }
  }

  /** {@code n} servers of connection type local named {@code prefix-0001}…; returns their ids. */
  public List<Long> localServers(String prefix, int n) {
    List<Long> ids = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      ids.add(localServer(String.format("%s-%04d", prefix, i)));
    }
    return ids;
  }

  /** A server of connection type local (this host, as root); returns its id. */
  public long localServer(String name) {
    return create(
        "/api/servers",
        "{\"server\":{\"name\":"
            + ApiClient.quote(name)
            + ",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
            + "\"privilegeMode\":\"root\"}}",
        "server");
  }

  /** A server reached over {@code sshd} as root with its user key (a credential of its own). */
  public long sshServer(String name, SshdHarness sshd) {
    long cred =
        create(
            "/api/credentials",
            "{\"credential\":{\"name\":"
                + ApiClient.quote("key-" + name)
                + ",\"type\":\"username-keypair\",\"username\":\"root\",\"privateKey\":"
                + ApiClient.quote(sshd.userKey())
                + "}}",
            "credential");
    return create(
        "/api/servers",
        "{\"server\":{\"name\":"
            + ApiClient.quote(name)
            + ",\"sshHost\":"
            + ApiClient.quote(sshd.host())
            + ",\"sshPort\":"
            + sshd.port()
            + ",\"credential\":{\"id\":"
            + cred
            + "},\"privilegeMode\":\"root\",\"connectionType\":\"ssh\"}}",
        "server");
  }

  /** An execute schedule with a 5-field cron in UTC; returns its id. */
  public long schedule(String name, String cron, boolean enabled) {
    return create(
        "/api/execute-schedules",
        "{\"schedule\":{\"scheduleType\":\"execute\",\"name\":"
            + ApiClient.quote(name)
            + ",\"cron\":"
            + ApiClient.quote(cron)
            + ",\"scheduleTimezone\":\"UTC\",\"enabled\":"
            + enabled
            + "}}",
        "schedule");
  }

  /** Polls the execution (every 300 ms, at most {@code atMost}) until it ended; returns it. */
  public JsonNode awaitEnd(long execution, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      JsonNode e = api.get("/api/job-executions/" + execution).json().get("jobExecution");
      if (ENDED.contains(e.get("status").asString())) {
        return e;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "execution " + execution + " did not end in " + atMost + ": " + e);
      }
      sleep(300);
    }
  }

  /** A manual security scan job over the servers; returns its id. */
  public long job(
      String name, long pkg, String scanPath, String profile, List<Long> servers, int maxParallel) {
    String targets =
        servers.stream().map(s -> "{\"refId\":" + s + "}").collect(Collectors.joining(","));
    return create(
        "/api/jobs",
        "{\"job\":{\"targetType\":\"server\",\"targets\":["
            + targets
            + "],\"securityPackage\":{\"id\":"
            + pkg
            + "},\"scanPath\":"
            + ApiClient.quote(scanPath)
            + ",\"securityProfile\":"
            + ApiClient.quote(profile)
            + ",\"name\":"
            + ApiClient.quote(name)
            + ",\"scheduleMode\":\"manual\",\"maxParallel\":"
            + maxParallel
            + "}}",
        "job");
  }

  /** Executes the job now; returns the execution id. */
  public long execute(long job) {
    ApiClient.Response r = api.put("/api/jobs/" + job + "/execute", "{}");
    if (r.status() != 200) {
      throw new IllegalStateException("execute job " + job + ": " + r.status() + " " + r.body());
    }
    return r.json().get("jobExecution").get("id").asLong();
  }

  private long create(String path, String body, String key) {
    ApiClient.Response r = api.post(path, body);
    if (r.status() != 200) {
      throw new IllegalStateException("POST " + path + ": " + r.status() + " " + r.body());
    }
    return r.json().get(key).get("id").asLong();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
