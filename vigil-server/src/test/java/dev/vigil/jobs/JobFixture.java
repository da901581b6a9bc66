package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ContentServer;
import dev.vigil.testsupport.SharedDatabaseReset;
import dev.vigil.testsupport.TestArchives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * What a job needs, made through the real API of a running application: a ready security package
 * from Debian's SSG Firefox datastream served over loopback HTTP, two local servers, an instance of
 * both and an execute schedule.
 */
final class JobFixture {

  static final String STIG = "xccdf_org.ssgproject.content_profile_stig";
  private static final java.util.Map<String, JobFixture> BY_PORT = new java.util.HashMap<>();
  private static ContentServer content;

  final long packageId;
  final String packageName;
  final String scanPath;
  final long server1;
  final long server2;
  final long instance;
  final long scheduleId;

  JobFixture(ApiClient api, String prefix) {
    packageName = prefix + "-firefox";
    packageId = readyPackage(api, packageName);
    scanPath =
        api.get("/api/security-packages/" + packageId + "/checklists")
            .json()
            .get("checklists")
            .get(0)
            .get("path")
            .asString();
    server1 = server(api, prefix + "-web01");
    server2 = server(api, prefix + "-web02");
    instance =
        created(
            api.post(
                "/api/instances",
                "{\"instance\":{\"name\":\""
                    + prefix
                    + "-app\",\"servers\":[{\"id\":"
                    + server1
                    + "},{\"id\":"
                    + server2
                    + "}]}}"),
            "instance");
    scheduleId =
        created(
            api.post(
                "/api/execute-schedules",
                "{\"schedule\":{\"name\":\""
                    + prefix
                    + "-Daily\",\"cron\":\"0 2 * * *\",\"scheduleTimezone\":\"UTC\"}}"),
            "schedule");
  }

  /**
   * The fixture of the application on {@code port}, made on first use (contexts are cached) and
   * again after each reset of the shared database.
   */
  static synchronized JobFixture of(ApiClient api, int port) {
    return BY_PORT.computeIfAbsent(
        port + "/" + SharedDatabaseReset.generation(), p -> new JobFixture(api, "p" + port));
  }

  /** The create body the CLI sends for a manual job over both servers (API.md §5.3). */
  String cliBody(String name) {
    return "{\"job\":{\"targetType\":\"server\",\"targets\":[{\"refId\":"
        + server1
        + "},{\"refId\":"
        + server2
        + "}],\"labels\":[\"env:prod\"],\"securityPackage\":{\"id\":"
        + packageId
        + "},\"scanPath\":"
        + ApiClient.quote(scanPath)
        + ",\"securityProfile\":\""
        + STIG
        + "\",\"name\":"
        + ApiClient.quote(name)
        + ",\"scheduleMode\":\"manual\",\"target\":\"11\",\"schedule\":\"Daily\"}}";
  }

  private static synchronized String contentUrl() {
    if (content == null) {
      try {
        content = new ContentServer();
        content.bytes("/ssg-firefox-ds.xml", TestArchives.ssg("ssg-firefox-ds.xml"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return content.url("/ssg-firefox-ds.xml");
  }

  private static long readyPackage(ApiClient api, String name) {
    long id =
        created(
            api.post(
                "/api/security-packages",
                "{\"securityPackage\":{\"name\":\""
                    + name
                    + "\",\"url\":"
                    + ApiClient.quote(contentUrl())
                    + "}}"),
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
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

  private static long server(ApiClient api, String name) {
    return created(
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\","
                + "\"sshHost\":\"localhost\",\"privilegeMode\":\"root\"}}"),
        "server");
  }

  private static long created(ApiClient.Response r, String key) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }
}
