package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.failureOf;
import static dev.vigil.scanning.ScanTestSupport.processesMentioning;
import static dev.vigil.scanning.ScanTestSupport.ssh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * While oscap evaluates, the scan's control counts the rules it has finished, live; and the run
 * directory names the process group the scan runs in.
 */
class ScanEngineProgressSystemTest {

  private static final String SUDO_USER = "vigil-scan-sudo";
  private static final String PASSWORD = "scan-Pass-789";

  private static SshdHarness sshd;
  private static SshConnector connector;
  private static ScanEngine engine;
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
    assertThat(ScanTestSupport.runDirsIn(workDir)).isZero();
    ScanTestSupport.removeWorkDir(workDir);
  }

  static Stream<String> targets() {
    return Stream.of("root", "sudo", "local");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void countsTheFirstRuleWhileTheSlowRuleStillRuns(String target) throws Exception {
    ScanRequest request = request(connection(target), target.equals("sudo"), slowDs, workDir);
    ScanControl control = new ScanControl();
    assertThat(control.rulesEvaluated()).isZero();

    CompletableFuture<ScanFailure> scan =
        CompletableFuture.supplyAsync(() -> failureOf(() -> engine.scan(request, control)));
    await().atMost(Duration.ofSeconds(60)).until(() -> processesMentioning(slowCheck()) > 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> control.rulesEvaluated() == 1);

    assertThat(scan).as("the slow rule still runs").isNotDone();
    assertThat(control.phase()).isEqualTo(ScanPhase.SCANNING);
    assertTheRunDirectoryNamesTheProcessGroupOfTheSlowCheck();

    control.cancel();
    assertThat(scan.get().reason()).isEqualTo(FailureReason.CANCELLED);
    assertThat(control.rulesEvaluated()).isEqualTo(1);
    assertThat(processesMentioning(slowCheck())).isZero();
  }

  private void assertTheRunDirectoryNamesTheProcessGroupOfTheSlowCheck() throws Exception {
    List<Path> runDirs;
    try (var files = Files.list(Path.of(workDir))) {
      runDirs = files.filter(f -> f.getFileName().toString().startsWith("vigil-run.")).toList();
    }
    assertThat(runDirs).hasSize(1);
    String recorded = Files.readString(runDirs.get(0).resolve(OscapCommand.PGID_FILE)).strip();
    String sleepPid = ScanFixtures.run("pgrep", "-f", "--", slowCheck()).strip();
    String groupOfSleep = ScanFixtures.run("ps", "-o", "pgid=", "-p", sleepPid).strip();
    assertThat(recorded).isEqualTo(groupOfSleep);
  }

  private static ScanRequest request(
      TargetConnection connection, boolean sudo, Path checklist, String dir) throws Exception {
    return ScanTestSupport.request(connection, sudo, checklist, ScanFixtures.SLOW_PROFILE, dir);
  }

  private static TargetConnection connection(String target) {
    return switch (target) {
      case "root" -> ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey()));
      case "sudo" -> ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD));
      default -> TargetConnection.local();
    };
  }

  private static String slowCheck() {
    return "^sleep " + sleepSeconds + "$";
  }
}
