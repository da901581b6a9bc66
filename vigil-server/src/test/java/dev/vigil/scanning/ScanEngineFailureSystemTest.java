package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.processesMentioning;
import static dev.vigil.scanning.ScanTestSupport.request;
import static dev.vigil.scanning.ScanTestSupport.runDirsIn;
import static dev.vigil.scanning.ScanTestSupport.ssh;
import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.AbstractThrowableAssert;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reason a scan of a target fails, each caused for real, and the target's run directory gone
 * afterwards.
 */
class ScanEngineFailureSystemTest {

  private static final String SUDO_USER = "vigil-scan-sudo";
  private static final String NOPATH_USER = "vigil-scan-nopath";
  private static final String PASSWORD = "scan-Pass-789";
  private static final Path NOPATH_BIN = Path.of("/var/tmp/vigil-scan-nopath-bin");
  private static final List<String> TOOLS_BUT_OSCAP =
      List.of(
          "sh",
          "bash",
          "setsid",
          "id",
          "df",
          "awk",
          "head",
          "mktemp",
          "rm",
          "sleep",
          "sha256sum",
          "cut",
          "chmod",
          "mv",
          "gzip",
          "cat",
          "sudo");

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
    pathWithoutOscap();
    sshd =
        SshdHarness.startWithConfig(
            List.of("Match User " + NOPATH_USER, "  SetEnv PATH=" + NOPATH_BIN));
    sshd.authorize("root");
    sshd.authorize(SUDO_USER);
    SshdHarness.ensureUser(SUDO_USER, true, PASSWORD);
    SshdHarness.ensureUser(NOPATH_USER, true, PASSWORD);
    connector = new SshConnector();
    engine = new ScanEngine(connector);
    nineDs = ScanFixtures.nineResultsDatastream(shared);
    sleepSeconds = 400 + ThreadLocalRandom.current().nextInt(500);
    slowDs = ScanFixtures.slowDatastream(shared, sleepSeconds);
  }

  @AfterAll
  static void stop() {
    if (connector != null) {
      connector.close();
    }
    if (sshd != null) {
      sshd.close();
    }
    ScanFixtures.run("rm", "-rf", "--", NOPATH_BIN.toString());
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
  void stoppedSshdIsUnreachable() throws Exception {
    try (SshdHarness own = SshdHarness.start()) {
      own.authorize("root");
      TargetConnection target = ssh(own, "root", new SshSecret.PrivateKey(own.userKey()));
      own.stop();
      ScanControl control = new ScanControl();

      assertFails(
          () -> engine.scan(request(target, false, nineDs, NINE_PROFILE, workDir), control),
          FailureReason.UNREACHABLE);
      assertThat(control.phase()).isEqualTo(ScanPhase.FINISHED);
    }
  }

  @Test
  void keyTheTargetDoesNotKnowFailsAuthentication() throws Exception {
    Path key = shared.resolve("unknown_key");
    ScanFixtures.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    SshSecret wrong = new SshSecret.PrivateKey(Files.readString(key));

    assertFails(scanNine(ssh(sshd, "root", wrong), false), FailureReason.AUTHENTICATION_FAILED);
  }

  @Test
  void changedHostKeyIsRefusedAgainstThePin() throws Exception {
    try (SshdHarness own = SshdHarness.start()) {
      own.authorize("root");
      SshTarget pinned =
          new SshTarget(
              own.host(),
              own.port(),
              "root",
              new SshSecret.PrivateKey(own.userKey()),
              own.hostKeyFingerprint());
      own.restartWithNewHostKey();

      assertFails(
              scanNine(TargetConnection.ssh(pinned, ScanTestSupport.CONNECT), false),
              FailureReason.HOST_KEY_MISMATCH)
          .hasMessageContaining("expected " + pinned.expectedHostKey());
    }
  }

  @Test
  void pathWithoutOscapIsOscapMissing() throws Exception {
    TargetConnection target = ssh(sshd, NOPATH_USER, new SshSecret.Password(PASSWORD));
    try (SshSession session =
        connector.open(((TargetConnection.Ssh) target).target(), ScanTestSupport.CONNECT)) {
      ExecResult path = session.exec("echo \"$PATH\"; command -v sh", ScanTestSupport.CONNECT);
      assertThat(path.stdout()).isEqualTo(NOPATH_BIN + "\n" + NOPATH_BIN + "/sh\n");
    }

    assertFails(scanNine(target, true), FailureReason.OSCAP_MISSING)
        .hasMessage("oscap not installed on test-target");
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

  @Test
  void unwritableWorkDirectoryIsNoSpaceNamingThePath() throws Exception {
    String readOnly = workDir + "/root-only";
    ScanFixtures.run("install", "-d", "-m", "0755", readOnly);
    TargetConnection target = ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD));

    assertFails(
            () ->
                engine.scan(
                    request(target, true, nineDs, NINE_PROFILE, readOnly), new ScanControl()),
            FailureReason.NO_SPACE)
        .hasMessageContaining(readOnly);
    assertThat(runDirsIn(readOnly)).isZero();
  }

  @Test
  void fullWorkDirectoryIsNoSpace() throws Exception {
    String tiny = workDir + "/tiny";
    ScanFixtures.run("install", "-d", "-m", "1777", tiny);
    SshdHarness.requireThat(
        ScanFixtures.exitCode("mount", "-t", "tmpfs", "-o", "size=1m,mode=1777", "tmpfs", tiny)
            == 0,
        "this test mounts a 1 MiB tmpfs");
    try {
      assertFails(
              () ->
                  engine.scan(
                      request(rootTarget(), false, nineDs, NINE_PROFILE, tiny), new ScanControl()),
              FailureReason.NO_SPACE)
          .hasMessageContaining("KiB free in " + tiny);
      assertThat(runDirsIn(tiny)).isZero();
    } finally {
      ScanFixtures.run("umount", tiny);
    }
  }

  @Test
  void profileTheChecklistLacksIsAScannerFailureWithOscapsMessage() throws Exception {
    ScanRequest request =
        request(rootTarget(), false, nineDs, "xccdf_dev.vigil_profile_no-such-profile", workDir);

    assertFails(() -> engine.scan(request, new ScanControl()), FailureReason.SCANNER_FAILED)
        .hasMessageContaining("(exit 1)")
        .hasMessageContaining("No profile matching suffix");
  }

  @Test
  void cacheDirectoryOfAnotherUserIsContentUploadFailed() throws Exception {
    String uid = ScanFixtures.run("id", "-u", SUDO_USER).strip();
    ScanFixtures.run("install", "-d", "-m", "0700", workDir + "/vigil-content-" + uid);
    TargetConnection target = ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD));

    assertFails(scanNine(target, true), FailureReason.CONTENT_UPLOAD_FAILED)
        .hasMessageContaining("content cache");
  }

  private void assertNothingOfTheRunLeft() throws Exception {
    assertThat(processesMentioning(workDir + "/vigil-run")).isZero();
    assertThat(processesMentioning(slowCheck())).isZero();
  }

  private TargetConnection rootTarget() {
    return ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey()));
  }

  private ScanCall scanNine(TargetConnection target, boolean sudo) {
    return () ->
        engine.scan(request(target, sudo, nineDs, NINE_PROFILE, workDir), new ScanControl());
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      ScanCall call, FailureReason reason) {
    return assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ScanFailure.class, f -> assertThat(f.reason()).isEqualTo(reason));
  }

  private static ScanFailure failureOf(ScanCall call) {
    try {
      call.run();
      return null;
    } catch (Exception e) {
      return e instanceof ScanFailure f
          ? f
          : new ScanFailure(FailureReason.SCANNER_FAILED, e.toString(), e);
    }
  }

  /** A directory of symlinks to the tools a target needs, but not to oscap. */
  private static void pathWithoutOscap() throws Exception {
    ScanFixtures.run("rm", "-rf", "--", NOPATH_BIN.toString());
    Files.createDirectories(NOPATH_BIN);
    for (String tool : TOOLS_BUT_OSCAP) {
      String real = ScanFixtures.run("sh", "-c", "command -v " + tool).strip();
      Files.createSymbolicLink(NOPATH_BIN.resolve(tool), Path.of(real));
    }
  }

  @FunctionalInterface
  interface ScanCall {
    void run() throws Exception;
  }
}
