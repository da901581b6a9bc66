package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.assertFails;
import static dev.vigil.scanning.ScanTestSupport.request;
import static dev.vigil.scanning.ScanTestSupport.runDirsIn;
import static dev.vigil.scanning.ScanTestSupport.ssh;
import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reasons a scan of a target fails before or without a kill, each caused for real, and the
 * target's run directory gone afterwards; timeouts and cancels are in {@link
 * ScanEngineKillSystemTest}.
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
  }

  @AfterAll
  static void stop() throws Exception {
    ScanTestSupport.closeAll(connector, sshd);
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
  void workDirectoryOfAnotherUserIsUnwritableNamingThePath() throws Exception {
    String readOnly = workDir + "/root-only";
    ScanFixtures.run("install", "-d", "-m", "0555", readOnly);
    TargetConnection target = ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD));

    assertFails(
            () ->
                engine.scan(
                    request(target, true, nineDs, NINE_PROFILE, readOnly), new ScanControl()),
            FailureReason.WORK_DIR_UNWRITABLE)
        .hasMessageContaining(readOnly)
        .hasMessageContaining("not writable");
    assertThat(runDirsIn(readOnly)).isZero();
  }

  @Test
  void readOnlyMountedWorkDirectoryIsUnwritableEvenForRoot() throws Exception {
    String readOnly = workDir + "/ro";
    ScanFixtures.run("install", "-d", "-m", "1777", readOnly);
    SshdHarness.requireThat(
        ScanFixtures.exitCode(
                "mount", "-t", "tmpfs", "-o", "ro,size=1m,mode=1777", "tmpfs", readOnly)
            == 0,
        "this test mounts a read-only tmpfs");
    try {
      assertFails(
              () ->
                  engine.scan(
                      request(rootTarget(), false, nineDs, NINE_PROFILE, readOnly),
                      new ScanControl()),
              FailureReason.WORK_DIR_UNWRITABLE)
          .hasMessageContaining(readOnly);
    } finally {
      ScanFixtures.run("umount", readOnly);
    }
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

  private TargetConnection rootTarget() {
    return ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey()));
  }

  private ScanTestSupport.ScanCall scanNine(TargetConnection target, boolean sudo) {
    return () ->
        engine.scan(request(target, sudo, nineDs, NINE_PROFILE, workDir), new ScanControl());
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
}
