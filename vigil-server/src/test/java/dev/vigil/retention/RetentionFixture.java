package dev.vigil.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packages.PackageService;
import dev.vigil.results.NewScan;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanOrigin;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the retention tests scan with, made through the real API: a ready package of a datastream, a
 * local server, jobs with a retention; and scans recorded from real oscap ARFs at a given age.
 */
final class RetentionFixture {

  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");

  final ApiClient api;
  final ResultService results;
  final Clock clock;
  final Path work;
  final String name;
  final long packageId;
  final long versionId;
  final String checklistPath;
  final String profile;
  final long serverId;

  RetentionFixture(
      ApiClient api,
      ResultService results,
      PackageService packages,
      Clock clock,
      Path work,
      Path datastream,
      String profile) {
    this.api = api;
    this.results = results;
    this.clock = clock;
    this.work = work;
    this.profile = profile;
    this.name = "ret-" + System.nanoTime();
    this.packageId = readyPackage(datastream);
    this.checklistPath = packages.checklists(packageId).get(0).path();
    this.versionId = packages.get(packageId).currentVersionId();
    this.serverId =
        created(
            api.post(
                "/api/servers",
                "{\"server\":{\"name\":\""
                    + name
                    + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                    + "\"privilegeMode\":\"root\"}}"),
            "server");
  }

  /** A manual job over the server with this retention ({@code null} delete-after: never). */
  long job(String jobName, int keepMinDays, Integer deleteAfterDays) {
    return created(
        api.post(
            "/api/jobs",
            "{\"job\":{\"targetType\":\"server\",\"targets\":[{\"refId\":"
                + serverId
                + "}],\"securityPackage\":{\"id\":"
                + packageId
                + "},\"scanPath\":"
                + ApiClient.quote(checklistPath)
                + ",\"securityProfile\":"
                + ApiClient.quote(profile)
                + ",\"name\":\""
                + jobName
                + "\",\"scheduleMode\":\"manual\",\"keepMinDays\":"
                + keepMinDays
                + ",\"deleteAfterDays\":"
                + deleteAfterDays
                + "}}"),
        "job");
  }

  /** Executes the job for real (oscap on this host) and returns the execution once it ended. */
  JsonNode execute(long job) {
    ApiClient.Response r = api.put("/api/jobs/" + job + "/execute", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    long execution = r.json().get("jobExecution").get("id").asLong();
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              last[0] = api.get("/api/job-executions/" + execution).json().get("jobExecution");
              return ENDED.contains(last[0].get("status").asString());
            });
    return last[0];
  }

  /**
   * Records a scan of the ARF (and HTML report, may be null) that finished {@code age} before the
   * clock's now, made by the job ({@code null}: outside any job).
   */
  long scan(Long jobId, String jobName, Path arf, Path html, Duration age) throws Exception {
    Instant finished = clock.instant().minus(age);
    ScanReport report = new ArfReader().read(arf);
    return results
        .record(
            new NewScan(
                serverId,
                name,
                packageId,
                name,
                versionId,
                checklistPath,
                report.profileId(),
                report,
                copy(arf),
                html == null ? null : copy(html),
                "1.3.7",
                finished.minusSeconds(60),
                finished,
                "admin",
                new ScanOrigin(jobId, jobName, null, null)))
        .id();
  }

  private Path copy(Path file) throws IOException {
    return Files.copy(
        file, Files.createTempFile(work, "copy", ".xml"), StandardCopyOption.REPLACE_EXISTING);
  }

  private long readyPackage(Path datastream) {
    long id =
        created(
            api.post(
                "/api/security-packages",
                "{\"securityPackage\":{\"name\":\""
                    + name
                    + "\",\"url\":"
                    + ApiClient.quote(datastream.toUri().toString())
                    + "}}"),
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(120))
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

  static long created(ApiClient.Response r, String key) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get(key).get("id").asLong();
  }
}
