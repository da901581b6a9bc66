package dev.vigil.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.executions.ExecutionService;
import dev.vigil.inventory.ServerService;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.packages.PackageQuery;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.PackageStatus;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanQuery;
import dev.vigil.results.SecurityScan;
import dev.vigil.shared.ListQuery;
import dev.vigil.testsupport.ContentServer;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.TestArchives;
import dev.vigil.testsupport.VigilSystemTestWithLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The first scan on a host whose installed SCAP Security Guide has no datastream for its OS (as on
 * Debian 12): it adds the upstream SSG release archive as a package and scans this host with the
 * archive's datastream for its OS and the "standard" profile, or falls back to the bundled Vigil
 * baseline when the fetch fails or the archive lacks that datastream; the summary says which and
 * why. The "upstream" is a closed loopback port or a local HTTP server serving a release-shaped zip
 * built from the real ssg-debian11 datastream installed here; nothing leaves 127.0.0.0/8. Each test
 * runs the real first scan of this host (local oscap) with its own settings.
 */
@VigilSystemTestWithLimits
class FirstScanUpstreamSystemTest {

  private static final Path BASELINE =
      Path.of("../quickstart/vigil-linux-baseline-ds.xml").toAbsolutePath().normalize();

  @Autowired PackageService packages;
  @Autowired ServerService servers;
  @Autowired JobService jobs;
  @Autowired ExecutionService executions;
  @Autowired ResultService results;

  @TempDir Path dir;
  Path ssgDir;
  Path osRelease;

  @BeforeEach
  void debian12WithoutItsDatastream() throws IOException {
    ScanFixtures.requireScanning();
    ssgDir = Files.createDirectories(dir.resolve("ssg"));
    osRelease =
        Files.writeString(
            dir.resolve("os-release"),
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
  }

  @AfterEach
  void forgetTheFirstScanJob() {
    // the first scan is done once per install: each test here is a fresh first start
    jobs.list(new JobQuery(named(FirstScan.JOB_NAME), List.of(), List.of()))
        .forEach(j -> jobs.delete(j.id()));
  }

  @Test
  void theInstalledDatastreamOfThisOsComesFirstAndTheUpstreamIsLeftAlone() throws Exception {
    Files.writeString(
        osRelease, "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\nID=debian\nVERSION_ID=11\n");
    ssgDir = ScanFixtures.SSG_DEBIAN11.getParent();
    String url = "http://127.0.0.1:" + closedPort() + "/scap-security-guide-0.1.78.zip";

    String summary = firstScan(url).run();

    assertThat(summary)
        .contains("scanned with " + ScanFixtures.SSG_STANDARD + " of ssg-debian11")
        .endsWith(
            "content: installed SCAP Security Guide: ssg-debian11-ds.xml"
                + " for Debian GNU/Linux 11 (bullseye)");
    assertThat(
            packages.list(
                new PackageQuery(named("scap-security-guide-0.1.78"), List.of(), List.of())))
        .isEmpty();
    assertThat(job().scanPath()).isEqualTo("ssg-debian11-ds.xml");
  }

  @Test
  void upstreamUnreachableFallsBackToTheBaselineAndSaysWhy() throws Exception {
    int closed = closedPort();
    String url = "http://127.0.0.1:" + closed + "/v0.1.79/scap-security-guide-0.1.79.zip";

    String summary = firstScan(url).run();

    assertThat(summary)
        .contains("scanned with xccdf_dev.vigil.baseline_profile_baseline")
        .contains(
            "content: bundled Vigil baseline: upstream fetch failed: could not connect to"
                + " http://127.0.0.1:"
                + closed);
    SecurityPackage upstream = pkg("scap-security-guide-0.1.79");
    assertThat(upstream.status()).isEqualTo(PackageStatus.FAILED);
    assertThat(upstream.url()).isEqualTo(url);
    assertThat(job().scanPath()).isEqualTo("vigil-linux-baseline-ds.xml");
    assertThat(latestScan().status()).isEqualTo("complete");
  }

  @Test
  void upstreamReleaseArchiveIsAddedAndItsDatastreamForThisOsScannedWithStandard()
      throws Exception {
    Map<String, byte[]> release = new LinkedHashMap<>();
    release.put("scap-security-guide-0.1.82/README.md", "SCAP Security Guide".getBytes());
    release.put(
        "scap-security-guide-0.1.82/ssg-debian12-ds.xml",
        Files.readAllBytes(ScanFixtures.SSG_DEBIAN11));
    try (ContentServer server = new ContentServer()) {
      String url = server.url("/v0.1.82/scap-security-guide-0.1.82.zip");
      server.bytes("/v0.1.82/scap-security-guide-0.1.82.zip", TestArchives.zip(release));

      String summary = firstScan(url).run();

      assertThat(summary)
          .contains(
              "scanned with xccdf_org.ssgproject.content_profile_standard of"
                  + " scap-security-guide-0.1.82")
          .endsWith(
              "content: upstream SCAP Security Guide 0.1.82: ssg-debian12-ds.xml"
                  + " (the installed guide has none for Debian GNU/Linux 12 (bookworm))");
      SecurityPackage upstream = pkg("scap-security-guide-0.1.82");
      assertThat(upstream.status()).isEqualTo(PackageStatus.READY);
      assertThat(upstream.url()).isEqualTo(url);
      assertThat(upstream.labels()).contains("first-scan");
      assertThat(upstream.acceptInvalid()).isTrue();
      Job job = job();
      assertThat(job.packageId()).isEqualTo(upstream.id());
      assertThat(job.scanPath()).isEqualTo("scap-security-guide-0.1.82/ssg-debian12-ds.xml");
      assertThat(job.securityProfile()).isEqualTo(ScanFixtures.SSG_STANDARD);
      SecurityScan scan = latestScan();
      assertThat(scan.status()).isEqualTo("complete");
      assertThat(scan.packageName()).isEqualTo("scap-security-guide-0.1.82");
      assertThat(scan.checklistPath()).isEqualTo(job.scanPath());
      assertThat(scan.profileId()).isEqualTo(ScanFixtures.SSG_STANDARD);
      // Debian 11's rules evaluated here (on Debian 12 they are "notapplicable")
      assertThat(scan.counts().values().stream().mapToInt(Integer::intValue).sum()).isPositive();
    }
  }

  @Test
  void aStartAfterAFailedUpstreamFetchFetchesItAgain() throws Exception {
    Map<String, byte[]> release = new LinkedHashMap<>();
    release.put(
        "scap-security-guide-0.1.81/ssg-debian12-ds.xml",
        Files.readAllBytes(ScanFixtures.SSG_DEBIAN11));
    try (ContentServer server = new ContentServer()) {
      String url = server.url("/scap-security-guide-0.1.81.zip");
      server.status("/scap-security-guide-0.1.81.zip", 503);
      assertThat(firstScan(url).run())
          .endsWith(
              "content: bundled Vigil baseline: upstream fetch failed: HTTP 503 Service Unavailable from "
                  + url);
      forgetTheFirstScanJob(); // as if that start had stopped before making the job

      server.bytes("/scap-security-guide-0.1.81.zip", TestArchives.zip(release));
      String summary = firstScan(url).run();

      assertThat(summary)
          .contains("content: upstream SCAP Security Guide 0.1.81: ssg-debian12-ds.xml");
      assertThat(pkg("scap-security-guide-0.1.81").status()).isEqualTo(PackageStatus.READY);
      assertThat(
              packages.list(
                  new PackageQuery(
                      new ListQuery(
                          ListQuery.ALL, 0, null, "scap-security-guide-0.1.81", null, false),
                      List.of(),
                      List.of())))
          .hasSize(1);
    }
  }

  @Test
  void upstreamArchiveWithoutThisOsFallsBackToTheBaselineAndSaysWhy() throws Exception {
    Map<String, byte[]> release = new LinkedHashMap<>();
    release.put(
        "scap-security-guide-0.1.80/ssg-firefox-ds.xml", TestArchives.ssg("ssg-firefox-ds.xml"));
    try (ContentServer server = new ContentServer()) {
      server.bytes("/scap-security-guide-0.1.80.zip", TestArchives.zip(release));

      String summary = firstScan(server.url("/scap-security-guide-0.1.80.zip")).run();

      assertThat(summary)
          .contains("scanned with xccdf_dev.vigil.baseline_profile_baseline")
          .endsWith(
              "content: bundled Vigil baseline: upstream scap-security-guide-0.1.80 has no"
                  + " ssg-debian12-ds.xml");
      assertThat(pkg("scap-security-guide-0.1.80").status()).isEqualTo(PackageStatus.READY);
      assertThat(job().scanPath()).isEqualTo("vigil-linux-baseline-ds.xml");
    }
  }

  @Test
  void noUpstreamUrlGoesStraightToTheBaseline() throws Exception {
    String summary = firstScan("").run();

    assertThat(summary)
        .endsWith(
            "content: bundled Vigil baseline: the installed guide has no datastream for Debian"
                + " GNU/Linux 12 (bookworm) and no upstream URL is set"
                + " (vigil.quickstart.upstream-url)");
    assertThat(job().scanPath()).isEqualTo("vigil-linux-baseline-ds.xml");
  }

  private FirstScan firstScan(String upstreamUrl) {
    return new FirstScan(
        new FirstScan.Settings(
            true, ssgDir, BASELINE, osRelease, upstreamUrl, Duration.ofMinutes(5)),
        packages,
        servers,
        jobs,
        executions,
        results);
  }

  private SecurityPackage pkg(String name) {
    return packages.list(new PackageQuery(named(name), List.of(), List.of())).get(0);
  }

  private Job job() {
    return jobs.list(new JobQuery(named(FirstScan.JOB_NAME), List.of(), List.of())).get(0);
  }

  private SecurityScan latestScan() {
    return results
        .list(new ScanQuery(new ListQuery(1, 0, null, null, null, true), List.of(), List.of()))
        .get(0);
  }

  private static ListQuery named(String name) {
    return new ListQuery(1, 0, null, name, null, false);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
