package dev.vigil.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Packages, many servers and jobs for cluster tests and benchmarks, made through the real REST API
 * of one node (what one node writes, every node of the cluster sees).
 */
public final class FleetApi {

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
      ids.add(
          create(
              "/api/servers",
              "{\"server\":{\"name\":"
                  + ApiClient.quote(String.format("%s-%04d", prefix, i))
                  + ",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                  + "\"privilegeMode\":\"root\"}}",
              "server"));
    }
    return ids;
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
