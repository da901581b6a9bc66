package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection test against a real sshd: it tries to make a directory in the work directory, so a
 * work directory the login user cannot write to fails the test with its own reason, before any scan
 * would.
 */
class ConnectionTesterSystemTest {

  private static final String SUDO_USER = "vigil-scan-sudo";
  private static final String PASSWORD = "scan-Pass-789";
  private static final Duration COMMAND = Duration.ofSeconds(15);

  private static SshdHarness sshd;
  private static SshConnector connector;
  private static ConnectionTester tester;
  private String workDir;

  @BeforeAll
  static void start() throws Exception {
    ScanFixtures.requireScanning();
    sshd = SshdHarness.start();
    sshd.authorize("root");
    sshd.authorize(SUDO_USER);
    SshdHarness.ensureUser(SUDO_USER, true, PASSWORD);
    connector = new SshConnector();
    tester = new ConnectionTester(connector);
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
  void removeWorkDir() {
    ScanTestSupport.removeWorkDir(workDir);
  }

  @Test
  void writableWorkDirectoryPassesAndLeavesNothing() throws Exception {
    ConnectionReport report = test(sudoUser(), workDir);
    assertThat(report.ok()).as(report.error()).isTrue();
    assertThat(report.privilege()).isEqualTo("sudo");
    assertThat(ScanFixtures.run("ls", "-A", workDir)).isEmpty();
  }

  @Test
  void workDirectoryOfAnotherUserFailsWithItsOwnReason() {
    String rootOnly = workDir + "/root-only";
    ScanFixtures.run("install", "-d", "-m", "0555", rootOnly);

    ConnectionReport report = test(sudoUser(), rootOnly);

    assertThat(report.authenticated()).isTrue();
    assertThat(report.reason()).isEqualTo(FailureReason.WORK_DIR_UNWRITABLE);
    assertThat(report.error())
        .isEqualTo("work directory " + rootOnly + " on t1 is missing or not writable by the user");
  }

  @Test
  void readOnlyMountFailsEvenForRoot() {
    String readOnly = workDir + "/ro";
    ScanFixtures.run("install", "-d", "-m", "1777", readOnly);
    SshdHarness.requireThat(
        ScanFixtures.exitCode("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly) == 0,
        "this test mounts a read-only tmpfs");
    try {
      ConnectionReport report =
          test(
              new SshTarget(
                  sshd.host(), sshd.port(), "root", new SshSecret.PrivateKey(sshd.userKey()), null),
              readOnly);
      assertThat(report.privilege()).isEqualTo("root");
      assertThat(report.reason()).isEqualTo(FailureReason.WORK_DIR_UNWRITABLE);
      assertThat(report.error()).contains(readOnly);
    } finally {
      ScanFixtures.run("umount", readOnly);
    }
  }

  private static SshTarget sudoUser() {
    return new SshTarget(
        sshd.host(), sshd.port(), SUDO_USER, new SshSecret.Password(PASSWORD), null);
  }

  private static ConnectionReport test(SshTarget target, String workDir) {
    return tester.testSsh("t1", target, true, ScanTestSupport.CONNECT, COMMAND, workDir);
  }
}
