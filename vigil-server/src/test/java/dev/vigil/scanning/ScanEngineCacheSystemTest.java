package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.request;
import static dev.vigil.scanning.ScanTestSupport.ssh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's content cache: a checklist is uploaded once, a re-scan uploads nothing, a changed
 * checklist is uploaded again; prints the timings of the SSG standard profile against local oscap.
 */
class ScanEngineCacheSystemTest {

  private static final int RUNS = Integer.getInteger("vigil.scan.timing.runs", 3);

  @TempDir Path dir;
  private SshdHarness sshd;
  private SshConnector connector;
  private String workDir;

  @BeforeEach
  void start() throws Exception {
    ScanFixtures.requireScanning();
    sshd = SshdHarness.start();
    sshd.authorize("root");
    connector = new SshConnector();
    workDir = ScanTestSupport.newWorkDir();
  }

  @AfterEach
  void stop() throws Exception {
    ScanTestSupport.closeAll(connector, sshd);
    if (workDir != null) {
      ScanTestSupport.removeWorkDir(workDir);
    }
  }

  @Test
  void uploadsTheChecklistOnceAndAgainOnlyWhenItChanged() throws Exception {
    ScanEngine engine = new ScanEngine(connector);
    TargetConnection root = ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey()));
    Path checklist = Files.copy(ScanFixtures.SSG_DEBIAN11, dir.resolve("ssg-debian11-ds.xml"));
    String profile = ScanFixtures.SSG_STANDARD;

    long start = System.nanoTime();
    ScanOutcome first = scan(engine, request(root, false, checklist, profile, workDir));
    Duration firstScan = Duration.ofNanos(System.nanoTime() - start);
    assertThat(first.bytesUploaded()).isEqualTo(Files.size(checklist));

    List<Duration> rescans = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      start = System.nanoTime();
      ScanOutcome again = scan(engine, request(root, false, checklist, profile, workDir));
      rescans.add(Duration.ofNanos(System.nanoTime() - start));
      assertThat(again.bytesUploaded()).isZero();
    }

    Files.writeString(checklist, "<!-- changed -->\n", StandardOpenOption.APPEND);
    ScanOutcome changed = scan(engine, request(root, false, checklist, profile, workDir));
    assertThat(changed.bytesUploaded()).isEqualTo(Files.size(checklist));
    assertThat(ScanTestSupport.runDirsIn(workDir)).isZero();

    printTimings(firstScan, rescans, localOscap(checklist, profile));
  }

  private static ScanOutcome scan(ScanEngine engine, ScanRequest request) throws Exception {
    ScanOutcome outcome = engine.scan(request, new ScanControl());
    assertThat(outcome.oscapExitCode()).isZero();
    ScanTestSupport.deleteOutputs(outcome);
    return outcome;
  }

  private List<Duration> localOscap(Path checklist, String profile) throws Exception {
    List<Duration> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      Path arf = dir.resolve("local-arf-" + i + ".xml");
      long start = System.nanoTime();
      ScanFixtures.oscapEval(
          checklist, profile, arf, "--report", dir.resolve("local-" + i + ".html").toString());
      runs.add(Duration.ofNanos(System.nanoTime() - start));
    }
    return runs;
  }

  private static void printTimings(Duration first, List<Duration> rescans, List<Duration> local) {
    System.out.printf(
        "scan engine timings, SSG debian11 standard over loopback SSH as root:"
            + " first scan %d ms, re-scan median %d ms %s, local oscap median %d ms %s%n",
        first.toMillis(), median(rescans), millis(rescans), median(local), millis(local));
  }

  private static long median(List<Duration> runs) {
    return runs.stream()
        .mapToLong(Duration::toMillis)
        .sorted()
        .skip(runs.size() / 2)
        .findFirst()
        .orElse(0);
  }

  private static List<Long> millis(List<Duration> runs) {
    return runs.stream().map(Duration::toMillis).toList();
  }
}
