package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.SshdHarness;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshSessionSystemTest {

  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration COMMAND = Duration.ofSeconds(20);
  private static final String PLAIN_USER = "vigil-plain";
  private static final String SUDO_USER = "vigil-sudo";
  private static final String PASSWORD = "test-Pass-456";

  private static SshdHarness sshd;
  private static SshConnector connector;
  private static SshSession root;

  @BeforeAll
  static void start() throws Exception {
    sshd = SshdHarness.start();
    sshd.authorize("root");
    SshdHarness.ensureUser(PLAIN_USER, false, PASSWORD);
    connector = new SshConnector();
    root = open("root", new SshSecret.PrivateKey(sshd.userKey()));
  }

  @AfterAll
  static void stop() throws Exception {
    ScanTestSupport.closeAll(root, connector, sshd);
  }

  @Test
  void reportsExitCodeStdoutAndStderr() throws Exception {
    ExecResult result = root.exec("echo out; echo err >&2; exit 3", COMMAND);
    assertThat(result).isEqualTo(new ExecResult(3, "out\n", "err\n"));
  }

  @Test
  void runsEachCommandAsTheLeaderOfItsOwnProcessGroup() throws Exception {
    String[] ids = root.exec("ps -o pid=,pgid=,sid= -p $$", COMMAND).stdout().trim().split("\\s+");
    assertThat(ids[1]).isEqualTo(ids[0]);
    assertThat(ids[2]).isEqualTo(ids[0]);
  }

  @Test
  void keepsTheFirstMebibyteOfStdoutAndTheLastEightKibibytesOfStderr() throws Exception {
    String command =
        "head -c 2000000 /dev/zero | tr '\\0' a;"
            + " i=0; while [ $i -lt 3000 ]; do echo 123456789 >&2; i=$((i+1)); done; echo END >&2";
    ExecResult result = root.exec(command, COMMAND);
    assertThat(result.stdout()).hasSize(1 << 20).matches("a+");
    assertThat(result.stderrTail()).hasSize(8 << 10).endsWith("123456789\nEND\n");
  }

  @Test
  void timeoutKillsTheWholeRemoteProcessGroup() throws Exception {
    String sleep = uniqueSleep();
    assertThatThrownBy(
            () -> root.exec(sleep + " & " + sleep + "; echo never", Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            ScanFailure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.SCAN_TIMED_OUT))
        .hasMessageContaining("timed out after 1 s");
    assertThat(countProcesses(sleep)).isZero();
  }

  @Test
  void cancelFromAnotherThreadKillsTheProcessGroupAndEndsExecAsCancelled() throws Exception {
    String sleep = uniqueSleep();
    try (SshSession session = open("root", new SshSecret.PrivateKey(sshd.userKey()))) {
      CompletableFuture<ExecResult> running =
          CompletableFuture.supplyAsync(() -> execUnchecked(session, sleep + " & " + sleep));
      await().atMost(COMMAND).until(() -> countProcesses(sleep) == 2);

      session.cancel();

      assertThatThrownBy(running::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .cause()
          .isInstanceOfSatisfying(
              ScanFailure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.CANCELLED));
      assertThat(countProcesses(sleep)).isZero();
      assertThatThrownBy(() -> session.exec("true", COMMAND))
          .isInstanceOfSatisfying(
              ScanFailure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.CANCELLED));
    }
  }

  @Test
  void timeoutKillsARootProcessGroupThroughSudoForAnOrdinaryUser() throws Exception {
    String sleep = uniqueSleep();
    SshdHarness.ensureUser(SUDO_USER, true, PASSWORD);
    try (SshSession session = open(SUDO_USER, new SshSecret.Password(PASSWORD))) {
      assertThat(session.exec("id -u", COMMAND, true).stdout()).isEqualTo("0\n");
      assertThatThrownBy(() -> session.exec(sleep + " & " + sleep, Duration.ofSeconds(1), true))
          .isInstanceOfSatisfying(
              ScanFailure.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.SCAN_TIMED_OUT));
    } finally {
      SshdHarness.ensureUser(SUDO_USER, false, PASSWORD);
    }
    assertThat(countProcesses(sleep)).isZero();
  }

  @Test
  void uploadsAndDownloadsTheSameBytesAndCountsThem(@TempDir Path dir) throws Exception {
    byte[] content = new byte[300_000];
    new Random(42).nextBytes(content);
    Path local = Files.write(dir.resolve("content.bin"), content);
    String remote = "/tmp/vigil-ssh-test-" + UUID.randomUUID() + ".bin";
    try (SshSession session = open("root", new SshSecret.PrivateKey(sshd.userKey()))) {
      session.upload(local, remote);
      assertThat(session.bytesUploaded()).isEqualTo(content.length);

      ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
      session.download(remote, downloaded);
      assertThat(downloaded.toByteArray()).isEqualTo(content);
    } finally {
      root.exec("rm -f " + Shell.quote(remote), COMMAND);
    }
  }

  @Test
  void reportsAnUnwritableUploadPathAsContentUploadFailed(@TempDir Path dir) throws Exception {
    Path local = Files.writeString(dir.resolve("content.xml"), "<x/>");
    String remote = "/etc/vigil-ssh-test-" + UUID.randomUUID();
    try (SshSession session = open(PLAIN_USER, new SshSecret.Password(PASSWORD))) {
      assertThatThrownBy(() -> session.upload(local, remote))
          .isInstanceOfSatisfying(
              ScanFailure.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.CONTENT_UPLOAD_FAILED))
          .hasMessageContaining(remote);
    }
  }

  @Test
  void reportsAMissingResultFileAsResultsUnreadable() {
    String remote = "/tmp/vigil-ssh-missing-" + UUID.randomUUID();
    assertThatThrownBy(() -> root.download(remote, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            ScanFailure.class,
            f -> assertThat(f.reason()).isEqualTo(FailureReason.RESULTS_UNREADABLE));
  }

  private static SshSession open(String user, SshSecret secret) throws ScanFailure {
    SshTarget target = new SshTarget(sshd.host(), sshd.port(), user, secret, null);
    return connector.open(target, CONNECT);
  }

  /** A {@code sleep} whose command line no other process has. */
  private static String uniqueSleep() {
    return "sleep 6"
        + ThreadLocalRandom.current().nextInt(1, 10)
        + "."
        + System.nanoTime() % 1000000;
  }

  /** Processes whose command line is exactly {@code sleep}, seen through the root session. */
  private static int countProcesses(String sleep) throws ScanFailure {
    String pattern = "^" + sleep.replace(".", "[.]") + "$";
    ExecResult result = root.exec("pgrep -f " + Shell.quote(pattern) + " | wc -l", COMMAND);
    return Integer.parseInt(result.stdout().trim());
  }

  private static ExecResult execUnchecked(SshSession session, String command) {
    try {
      return session.exec(command, Duration.ofSeconds(60));
    } catch (ScanFailure e) {
      throw new IllegalStateException(e);
    }
  }
}
