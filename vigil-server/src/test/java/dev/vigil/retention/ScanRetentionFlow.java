package dev.vigil.retention;

import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static dev.vigil.testsupport.ScanFixtures.SLOW_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packages.PackageService;
import dev.vigil.results.ResultService;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SettableClock;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Retention over real scans (oscap evaluates the nine-results datastream on this host) aged with a
 * settable clock: the purge deletes exactly the scans past their job's delete-after (the defaults
 * for scans without a job), frees the blobs and rule dictionaries only they used and nothing a kept
 * scan or a package uses, and records itself; a manual delete is refused inside the keep-min window
 * with nothing deleted, allowed after it, and needs full permission.
 */
abstract class ScanRetentionFlow {

  private static final Path work = SystemTestContent.newFolder("vigil-scanretentionflow");
  private static Path nineDs;
  private static Path slowDs;
  private static final Path[] arfs = new Path[6];
  private static final Path[] htmls = new Path[6];
  private static Path slowArf;

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;

  /** The settable clock, the application's clock for these tests. */
  @TestConfiguration
  static class ClockConfig {
    @Bean
    @Primary
    SettableClock retentionClock() {
      return new SettableClock();
    }
  }

  @LocalServerPort int port;
  @Autowired SettableClock clock;
  @Autowired ResultService results;
  @Autowired PackageService packages;
  @Autowired ScanRetention retention;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;
  ApiClient api;
  RetentionFixture fx;

  @BeforeAll
  static void scanThisHost() throws Exception {
    ScanFixtures.requireScanning();
    if (slowArf != null) {
      return; // made for the other database's run in this JVM; each has its own database
    }
    nineDs = ScanFixtures.nineResultsDatastream(Files.createDirectories(work.resolve("nine")));
    for (int i = 0; i < arfs.length; i++) {
      arfs[i] = work.resolve("arf-" + i + ".xml");
      htmls[i] = work.resolve("report-" + i + ".html");
      int exit =
          ScanFixtures.oscapEval(nineDs, NINE_PROFILE, arfs[i], "--report", htmls[i].toString());
      assertThat(exit).isEqualTo(2);
    }
    slowDs = ScanFixtures.slowDatastream(Files.createDirectories(work.resolve("slow")), 0);
    slowArf = work.resolve("slow-arf.xml");
    assertThat(ScanFixtures.oscapEval(slowDs, SLOW_PROFILE, slowArf)).isIn(0, 2);
  }

  @BeforeEach
  void setUp() {
    // two hours behind the real time, as this flow's own clock always was (a clock shared with
    // other test classes starts 30 days behind)
    clock.reset(Duration.ofHours(2));
    api = new ApiClient(port).login("admin", ADMIN_PASSWORD);
    fx = new RetentionFixture(api, results, packages, clock, work, nineDs, NINE_PROFILE);
  }

  @AfterEach
  void realTimeAgain() {
    clock.reset();
  }

  @Test
  void purgeDeletesExactlyTheScansPastTheirWindowAndFreesWhatOnlyTheyUsed() throws Exception {
    long shortJob = fx.job(fx.name + "-short", 10, 30);
    long foreverJob = fx.job(fx.name + "-forever", 90, null);
    long doomedJob = fx.job(fx.name + "-doomed", 10, 30);
    JsonNode execution = fx.execute(shortJob);
    assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("complete");
    long executed = scanOfRun(execution.get("id").asLong());
    clock.advance(Duration.ofDays(40).plusHours(1));
    String s = fx.name + "-short";
    long oldShared = fx.scan(shortJob, s, arfs[1], htmls[1], days(31));
    long keptShared = fx.scan(shortJob, s, arfs[1], htmls[1], days(20));
    long forever = fx.scan(foreverJob, fx.name + "-forever", arfs[2], htmls[2], days(1000));
    long noJobOld = fx.scan(null, null, arfs[2], nineDs, days(400));
    long noJobYoung = fx.scan(null, null, arfs[3], htmls[3], days(100));
    long orphaned = fx.scan(doomedJob, fx.name + "-doomed", arfs[3], null, days(50));
    assertThat(api.delete("/api/jobs/" + doomedJob).status()).isEqualTo(200);
    List<String> executedBlobs = blobsOf(executed);
    List<String> kept = blobsOf(keptShared, forever, noJobYoung);
    String packageBlob =
        blob("select sha256 from security_package_versions where id = ?", fx.versionId);
    long dictionaries = count("scan_rule_dictionaries");
    long blobsBefore = count("blobs");
    long chunksBefore = count("blob_chunks");
    long chunksFreed = chunksOf(executedBlobs);
    long bytesFreed = storedBytes(executedBlobs);
    double counted = purged("purge");

    ScanPurge p = retention.purge();

    assertThat(scanIds())
        .contains(keptShared, forever, noJobYoung, orphaned)
        .doesNotContain(executed, oldShared, noJobOld);
    assertThat(p.scansDeleted()).isEqualTo(3);
    assertThat(executedBlobs).hasSize(2).noneMatch(this::blobExists);
    assertThat(kept).allMatch(this::blobExists);
    assertThat(blobExists(packageBlob)).as("the package's blob, used as a scan's report").isTrue();
    assertThat(p.blobsFreed()).isEqualTo(2);
    assertThat(p.bytesFreed()).isEqualTo(bytesFreed);
    assertThat(count("blobs")).isEqualTo(blobsBefore - 2);
    assertThat(count("blob_chunks")).isEqualTo(chunksBefore - chunksFreed);
    assertThat(count("scan_rule_dictionaries")).as("used by kept scans").isEqualTo(dictionaries);
    assertThat(p.dictionariesFreed()).isZero();
    assertThat(
            jdbc.sql("select scan_id from target_runs where execution_id = ?")
                .param(execution.get("id").asLong())
                .query(Long.class)
                .list())
        .as("the event loses its link")
        .containsOnlyNulls();
    assertThat(purged("purge") - counted).isEqualTo(3.0);
    JsonNode log = api.get("/api/security-scans/purges?max=1").json();
    JsonNode row = log.get("scanPurges").get(0);
    assertThat(row.get("id").asLong()).isEqualTo(p.id());
    assertThat(row.get("trigger").asString()).isEqualTo("purge");
    assertThat(row.get("scansDeleted").asInt()).isEqualTo(3);
    assertThat(row.get("blobsFreed").asInt()).isEqualTo(2);
    assertThat(row.get("bytesFreed").asLong()).isEqualTo(bytesFreed);
    assertThat(row.get("node").asString()).isNotBlank();
    assertThat(log.get("meta").get("total").asLong()).isPositive();
    assertThat(retention.purge().scansDeleted()).as("nothing left to purge").isZero();
  }

  @Test
  void aDatastreamAndDictionaryOnlyDeletedScansUsedAreFreedOnceTheirPackageIsGone()
      throws Exception {
    RetentionFixture slow =
        new RetentionFixture(api, results, packages, clock, work, slowDs, SLOW_PROFILE);
    long scan = slow.scan(null, null, slowArf, null, days(400));
    String datastream = blob("select arf_datastream_sha256 from security_scans where id = ?", scan);
    long dictionary =
        jdbc.sql("select rule_dictionary_id from security_scans where id = ?")
            .param(scan)
            .query(Long.class)
            .single();
    assertThat(datastream).as("the datastream is cut out of the ARF").isNotNull();
    long nine = fx.scan(null, null, arfs[0], null, days(400));
    long keptNine = fx.scan(null, null, arfs[0], null, days(1));
    String nineDatastream =
        blob("select arf_datastream_sha256 from security_scans where id = ?", nine);
    assertThat(api.delete("/api/security-packages/" + slow.packageId).status()).isEqualTo(200);

    ScanPurge p = retention.purge();

    assertThat(scanIds()).doesNotContain(scan, nine).contains(keptNine);
    assertThat(blobExists(datastream)).isFalse();
    assertThat(chunksOf(List.of(datastream))).isZero();
    assertThat(p.dictionariesFreed()).isEqualTo(1);
    assertThat(count("scan_rule_dictionaries where id = " + dictionary)).isZero();
    assertThat(count("scan_rule_entries where dictionary_id = " + dictionary)).isZero();
    assertThat(nineDatastream).isNotNull();
    assertThat(blobExists(nineDatastream))
        .as("a datastream its package version's check still names stays")
        .isTrue();
  }

  @Test
  void manualDeleteIsRefusedInsideTheKeepWindowAllowedAfterItAndNeedsFullPermission()
      throws Exception {
    String jobName = fx.name + "-nightly";
    long job = fx.job(jobName, 90, null);
    long young = fx.scan(job, jobName, arfs[5], htmls[5], days(10));
    long old = fx.scan(job, jobName, arfs[4], htmls[5], days(91));
    long noJob = fx.scan(null, null, arfs[5], null, days(30));
    long scans = count("security_scans");
    long blobs = count("blobs");
    long purges = count("scan_purges");

    ApiClient.Response early = api.delete("/api/security-scans/" + young);
    assertThat(early.status()).as(early.body()).isEqualTo(400);
    assertThat(early.json().get("success").asBoolean()).isFalse();
    String until =
        clock
            .instant()
            .minus(days(10))
            .plus(days(90))
            .atZone(ZoneOffset.UTC)
            .toLocalDate()
            .toString();
    assertThat(early.json().get("msg").asString())
        .isEqualTo(
            "security scan "
                + young
                + " is kept until "
                + until
                + " (job "
                + jobName
                + " keeps scans at least 90 days)");
    ApiClient.Response noJobEarly = api.delete("/api/security-scans/" + noJob);
    assertThat(noJobEarly.status()).isEqualTo(400);
    assertThat(noJobEarly.json().get("msg").asString())
        .endsWith("(scans without a job are kept at least 90 days)");
    TestUsers.create(api, "ret-auditor-" + port, "ret-auditor-pw-1", "Auditor");
    ApiClient auditor = new ApiClient(port).login("ret-auditor-" + port, "ret-auditor-pw-1");
    assertThat(auditor.delete("/api/security-scans/" + old).status()).isEqualTo(403);
    assertThat(auditor.get("/api/security-scans/purges").status()).isEqualTo(200);
    assertThat(count("security_scans")).isEqualTo(scans);
    assertThat(count("blobs")).isEqualTo(blobs);
    assertThat(count("scan_purges")).isEqualTo(purges);

    List<String> oldBlobs = blobsOf(old);
    double counted = purged("manual");
    ApiClient.Response late = api.delete("/api/security-scans/" + old);
    assertThat(late.status()).as(late.body()).isEqualTo(200);
    assertThat(late.json().get("success").asBoolean()).isTrue();
    assertThat(api.get("/api/security-scans/" + old).status()).isEqualTo(404);
    assertThat(blobExists(oldBlobs.get(0))).as("its own ARF is freed").isFalse();
    assertThat(blobExists(oldBlobs.get(1))).as("the report shared with a kept scan stays").isTrue();
    assertThat(purged("manual") - counted).isEqualTo(1.0);
    JsonNode row = api.get("/api/security-scans/purges").json().get("scanPurges").get(0);
    assertThat(row.get("trigger").asString()).isEqualTo("manual");
    assertThat(row.get("securityScanId").asLong()).isEqualTo(old);
    assertThat(row.get("createdBy").asString()).isEqualTo("admin");
    assertThat(row.get("scansDeleted").asInt()).isEqualTo(1);
    assertThat(row.get("blobsFreed").asInt()).isEqualTo(1);

    ApiClient.Response unknown = api.delete("/api/security-scans/999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("success").asBoolean()).isFalse();
    assertThat(api.delete("/api/security-scans/" + old).status()).as("already gone").isEqualTo(404);
    ApiClient.Response notAnId = api.delete("/api/security-scans/abc");
    assertThat(notAnId.status()).as(notAnId.body()).isEqualTo(400);
    assertThat(notAnId.json().get("success").asBoolean()).isFalse();
    assertThat(api.get("/api/security-scans/purges?max=abc").status()).isEqualTo(400);
    assertThat(api.get("/api/security-scans/purges?offset=-1").status()).isEqualTo(400);
    assertThat(count("scan_purges")).as("only the late delete was recorded").isEqualTo(purges + 1);
  }

  @Test
  void thePurgeIsARecurringTaskThatRanAtStartAndComesAgainAfterItsInterval() {
    String task = "scheduled_tasks where task_name = 'scan-purge'";
    assertThat(count(task)).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(task + " and last_success is not null") == 1);
    long minutesToNext =
        jdbc.sql("select execution_time, last_success from " + task)
            .query(
                (rs, n) ->
                    Duration.between(
                            rs.getObject(2, java.time.OffsetDateTime.class),
                            rs.getObject(1, java.time.OffsetDateTime.class))
                        .toMinutes())
            .single();
    assertThat(minutesToNext).as("vigil.retention.purge-interval, 1h").isBetween(59L, 60L);
    assertThat(count("scan_purges where trigger_type = 'purge'")).isPositive();
  }

  private long scanOfRun(long execution) {
    return jdbc.sql("select scan_id from target_runs where execution_id = ?")
        .param(execution)
        .query(Long.class)
        .single();
  }

  private List<Long> scanIds() {
    return jdbc.sql("select id from security_scans").query(Long.class).list();
  }

  /** The ARF and report blobs of the scans, in that order per scan. */
  private List<String> blobsOf(long... scans) {
    List<String> out = new java.util.ArrayList<>();
    for (long scan : scans) {
      out.add(blob("select arf_sha256 from security_scans where id = ?", scan));
      String report = blob("select report_sha256 from security_scans where id = ?", scan);
      if (report != null) {
        out.add(report);
      }
    }
    return out;
  }

  private String blob(String sql, long id) {
    String sha = jdbc.sql(sql).param(id).query(String.class).optional().orElse(null);
    return sha == null ? null : sha.trim();
  }

  private boolean blobExists(String sha) {
    return count("blobs where sha256 = '" + sha + "'") == 1;
  }

  private long chunksOf(List<String> shas) {
    return shas.stream().mapToLong(s -> count("blob_chunks where sha256 = '" + s + "'")).sum();
  }

  private long storedBytes(List<String> shas) {
    return shas.stream()
        .mapToLong(
            s ->
                jdbc.sql("select stored_bytes from blobs where sha256 = ?")
                    .param(s)
                    .query(Long.class)
                    .single())
        .sum();
  }

  private long count(String tableAndWhere) {
    return jdbc.sql("select count(*) from " + tableAndWhere).query(Long.class).single();
  }

  private double purged(String trigger) {
    Counter c = meters.find("vigil.scans.purged").tag("trigger", trigger).counter();
    return c == null ? 0 : c.count();
  }

  private static Duration days(int n) {
    return Duration.ofDays(n);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-retention");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
