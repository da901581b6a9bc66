package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.assertFails;
import static dev.vigil.scanning.ScanTestSupport.failureOf;
import static dev.vigil.scanning.ScanTestSupport.processesMentioning;
import static dev.vigil.scanning.ScanTestSupport.request;
import static dev.vigil.scanning.ScanTestSupport.runDirsIn;
import static dev.vigil.scanning.ScanTestSupport.ssh;
import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timeouts and cancels, over SSH and locally: the scan's whole process group is killed on the
 * target, nothing of the run is left running, and its run directory is gone.
 */
class ScanEngineKillSystemTest {

  private static final String SUDO_USER = "vigil-scan-sudo";
  private static final String PASSWORD = "scan-Pass-789";

  private static SshdHarness sshd;
  private static SshConnector connector;
  private static ScanEngine engine;
  private static Path nineDs;
  private static int sleepSeconds;
  private static Path slowDs;

  @TempDir static Path shared;
  private String workDir;

  @BeforeAll
  static void start() throws Exception {
    ScanFixtures.requireScanning();
    sshd = SshdHarness.start();
    sshd.authorize("root");
    sshd.authorize(SUDO_USER);
    SshdHarness.ensureUser(SUDO_USER, true, PASSWORD);
    connector = new SshConnector();
    engine = new ScanEngine(connector);
    nineDs = ScanFixtures.nineResultsDatastream(shared);
    sleepSeconds = 400 + ThreadLocalRandom.current().nextInt(500);
    slowDs = ScanFixtures.slowDatastream(shared, sleepSeconds);
  }

  @AfterAll
  static void stop() throws Exception {
    ScanTestSupport.closeAll(connector, sshd);
  }

  @BeforeEach
  void newWorkDir() {
    workDir = ScanTestSupport.newWorkDir();
  }

  @AfterEach
  void removeWorkDir() throws Exception {
    assertThat(runDirsIn(workDir)).as("run directories left in " + workDir).isZero();
    ScanTestSupport.removeWorkDir(workDir);
  }

  @Test
  void tinyTimeoutKillsTheRemoteOscapAndRemovesTheRunDirectory() throws Exception {
    ScanRequest request =
        request(
            rootTarget(), false, slowDs, ScanFixtures.SLOW_PROFILE, workDir, Duration.ofSeconds(3));
    CompletableFuture<Boolean> sawTheCheckRun = watchForTheSlowCheck();

    assertFails(() -> engine.scan(request, new ScanControl()), FailureReason.SCAN_TIMED_OUT)
        .hasMessage("scan of test-target timed out after 3 s");
    assertThat(sawTheCheckRun.get()).as("the slow check ran before the timeout").isTrue();
    assertNothingOfTheRunLeft();
  }

  @Test
  void cancelMidScanKillsTheRemoteOscapOfASudoUserAndRemovesTheRunDirectory() throws Exception {
    TargetConnection target = ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD));
    cancelMidScan(request(target, true, slowDs, ScanFixtures.SLOW_PROFILE, workDir));
  }

  @Test
  void cancelMidScanOfTheLocalHostKillsItsOscapAndRemovesTheRunDirectory() throws Exception {
    cancelMidScan(
        request(TargetConnection.local(), false, slowDs, ScanFixtures.SLOW_PROFILE, workDir));
  }

  @Test
  void cancelBeforeTheScanStartsRunsNothing() throws Exception {
    ScanControl control = new ScanControl();
    control.cancel();

    assertFails(
        () -> engine.scan(request(rootTarget(), false, nineDs, NINE_PROFILE, workDir), control),
        FailureReason.CANCELLED);
    assertThat(control.phase()).isEqualTo(ScanPhase.FINISHED);
    try (var entries = Files.list(Path.of(workDir))) {
      assertThat(entries.count()).isZero();
    }
  }

  @Test
  void tinyTimeoutOnTheLocalHostKillsItsOscap() throws Exception {
    ScanRequest request =
        request(
            TargetConnection.local(),
            false,
            slowDs,
            ScanFixtures.SLOW_PROFILE,
            workDir,
            Duration.ofSeconds(3));
    CompletableFuture<Boolean> sawTheCheckRun = watchForTheSlowCheck();

    assertFails(() -> engine.scan(request, new ScanControl()), FailureReason.SCAN_TIMED_OUT);
    assertThat(sawTheCheckRun.get()).isTrue();
    assertNothingOfTheRunLeft();
  }

  private void cancelMidScan(ScanRequest request) throws Exception {
    ScanControl control = new ScanControl();
    CompletableFuture<ScanFailure> scan =
        CompletableFuture.supplyAsync(() -> failureOf(() -> engine.scan(request, control)));
    await().atMost(Duration.ofSeconds(60)).until(() -> processesMentioning(slowCheck()) > 0);
    assertThat(control.phase()).isEqualTo(ScanPhase.SCANNING);

    control.cancel();

    ScanFailure failure = scan.get();
    assertThat(failure.reason()).isEqualTo(FailureReason.CANCELLED);
    assertThat(control.phase()).isEqualTo(ScanPhase.FINISHED);
    assertNothingOfTheRunLeft();
  }

  /** Completes with true once the slow rule's {@code sleep} runs, false after 30 s without it. */
  private static CompletableFuture<Boolean> watchForTheSlowCheck() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> processesMentioning(slowCheck()) > 0);
            return true;
          } catch (ConditionTimeoutException e) {
            return false;
          }
        });
  }

  private static String slowCheck() {
    return "^sleep " + sleepSeconds + "$";
  }

  private void assertNothingOfTheRunLeft() throws Exception {
    assertThat(processesMentioning(workDir + "/vigil-run")).isZero();
    assertThat(processesMentioning(slowCheck())).isZero();
  }

  private TargetConnection rootTarget() {
    return ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey()));
  }
}
