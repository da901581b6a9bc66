package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testsupport.SshdHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SshConnectorSystemTest {

  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration COMMAND = Duration.ofSeconds(10);
  private static final String USER = "vigil-plain";
  private static final String PASSWORD = "plain-Pass-123";

  private static SshdHarness sshd;
  private static SshConnector connector;

  @BeforeAll
  static void start() throws IOException {
    sshd = SshdHarness.start();
    sshd.authorize("root");
    SshdHarness.ensureUser(USER, false, PASSWORD);
    connector = new SshConnector();
  }

  @AfterAll
  static void stop() throws Exception {
    ScanTestSupport.closeAll(connector, sshd);
  }

  @Test
  void runsCommandAsRootWithKeyAndReportsTheHostKeyForFirstUse() throws Exception {
    try (SshSession session = connector.open(rootWithKey(null), CONNECT)) {
      assertThat(session.hostKeyFingerprint()).isEqualTo(sshd.hostKeyFingerprint());
      assertThat(session.exec("id -u", COMMAND)).isEqualTo(new ExecResult(0, "0\n", ""));
    }
  }

  @Test
  void acceptsTheCorrectPinnedHostKey() throws Exception {
    try (SshSession session = connector.open(rootWithKey(sshd.hostKeyFingerprint()), CONNECT)) {
      assertThat(session.exec("echo pinned", COMMAND).stdout()).isEqualTo("pinned\n");
    }
  }

  @Test
  void refusesAWrongPinnedHostKeyNamingBothFingerprints() {
    String wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThatThrownBy(() -> connector.open(rootWithKey(wrong), CONNECT))
        .isInstanceOfSatisfying(
            ScanFailure.class,
            f -> assertThat(f.reason()).isEqualTo(FailureReason.HOST_KEY_MISMATCH))
        .hasMessage("host key mismatch: expected " + wrong + ", got " + sshd.hostKeyFingerprint());
  }

  @Test
  void pinsThePresentedKeyRightAfterTheLoginAndOnlyThen() throws Exception {
    List<String> pinned = new ArrayList<>();
    SshTarget unpinned =
        rootWithKey(null)
            .withFirstUsePin(
                presented -> {
                  pinned.add(presented);
                  return presented;
                });
    try (SshSession session = connector.open(unpinned, CONNECT)) {
      assertThat(pinned)
          .as("pinned before any command ran")
          .containsExactly(session.hostKeyFingerprint());
    }
    SshTarget wrongPassword =
        target(sshd, USER, new SshSecret.Password("not-the-password"), null)
            .withFirstUsePin(
                presented -> {
                  pinned.add("after a failed login: " + presented);
                  return presented;
                });
    assertThatThrownBy(() -> connector.open(wrongPassword, CONNECT))
        .isInstanceOf(ScanFailure.class);
    assertThat(pinned).as("no pin without a login").hasSize(1);
    try (SshSession session =
        connector.open(
            rootWithKey(sshd.hostKeyFingerprint()).withFirstUsePin(p -> "SHA256:never-asked"),
            CONNECT)) {
      assertThat(session.hostKeyFingerprint()).isEqualTo(sshd.hostKeyFingerprint());
    }
  }

  @Test
  void refusesTheKeyWhenAnotherConnectionPinnedADifferentOneMeanwhile() {
    String other = "SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    assertThatThrownBy(() -> connector.open(rootWithKey(null).withFirstUsePin(p -> other), CONNECT))
        .isInstanceOfSatisfying(
            HostKeyMismatch.class,
            f -> assertThat(f.presented()).isEqualTo(sshd.hostKeyFingerprint()))
        .hasMessage("host key mismatch: expected " + other + ", got " + sshd.hostKeyFingerprint());
  }

  @Test
  void refusesThePreviousPinAfterTheHostKeyChanged() throws Exception {
    try (SshdHarness own = SshdHarness.start()) {
      own.authorize("root");
      String pinned = own.hostKeyFingerprint();
      SshTarget target = target(own, "root", new SshSecret.PrivateKey(own.userKey()), pinned);
      connector.open(target, CONNECT).close();

      own.restartWithNewHostKey();

      assertThatThrownBy(() -> connector.open(target, CONNECT))
          .isInstanceOfSatisfying(
              ScanFailure.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.HOST_KEY_MISMATCH))
          .hasMessageContaining("expected " + pinned)
          .hasMessageContaining("got " + own.hostKeyFingerprint());
    }
  }

  @Test
  void rejectsAKeyTheServerDoesNotKnow() throws Exception {
    try (SshdHarness other = SshdHarness.start()) {
      SshTarget target = target(sshd, "root", new SshSecret.PrivateKey(other.userKey()), null);
      assertFailure(target, FailureReason.AUTHENTICATION_FAILED)
          .hasMessage("authentication failed for root@" + sshd.host() + ":" + sshd.port());
    }
  }

  @Test
  void logsInWithPasswordAsAnOrdinaryUser() throws Exception {
    SshTarget target = target(sshd, USER, new SshSecret.Password(PASSWORD), null);
    try (SshSession session = connector.open(target, CONNECT)) {
      assertThat(session.exec("id -un", COMMAND).stdout()).isEqualTo(USER + "\n");
    }
  }

  @Test
  void rejectsAWrongPassword() {
    SshTarget target = target(sshd, USER, new SshSecret.Password("not-the-password"), null);
    assertFailure(target, FailureReason.AUTHENTICATION_FAILED)
        .hasMessageContaining("authentication failed for " + USER + "@");
  }

  @Test
  void logsInWithAnEncryptedKeyAndItsPassphrase() throws Exception {
    String key = sshd.userKeyWithPassphrase("open sesame");
    SshTarget target = target(sshd, "root", new SshSecret.PrivateKey(key, "open sesame"), null);
    try (SshSession session = connector.open(target, CONNECT)) {
      assertThat(session.exec("id -u", COMMAND).stdout()).isEqualTo("0\n");
    }
  }

  @Test
  void rejectsAWrongPassphraseAsUndecryptableKey() {
    String key = sshd.userKeyWithPassphrase("right one");
    SshTarget target = target(sshd, "root", new SshSecret.PrivateKey(key, "wrong one"), null);
    assertFailure(target, FailureReason.AUTHENTICATION_FAILED)
        .hasMessageContaining("cannot decrypt the private key");
  }

  @Test
  void rejectsAnEncryptedKeyWithoutPassphraseAsUndecryptable() {
    String key = sshd.userKeyWithPassphrase("never given");
    SshTarget target = target(sshd, "root", new SshSecret.PrivateKey(key), null);
    assertFailure(target, FailureReason.AUTHENTICATION_FAILED)
        .hasMessageContaining("cannot decrypt the private key");
  }

  @Test
  void rejectsTextThatIsNoPrivateKey() {
    SshTarget target = target(sshd, "root", new SshSecret.PrivateKey("not a key"), null);
    assertFailure(target, FailureReason.AUTHENTICATION_FAILED).hasMessageContaining("private key");
  }

  @Test
  void reportsAStoppedServerAsUnreachable() throws Exception {
    try (SshdHarness own = SshdHarness.start()) {
      own.stop();
      SshTarget target = target(own, "root", new SshSecret.PrivateKey(own.userKey()), null);
      assertFailure(target, FailureReason.UNREACHABLE)
          .hasMessage("cannot reach " + own.host() + ":" + own.port() + ": connection refused");
    }
  }

  @Test
  void timesOutOnAServerThatNeverSpeaksSsh() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = new Thread(() -> acceptForever(silent, accepted));
      acceptor.setDaemon(true);
      acceptor.start();
      SshTarget target =
          new SshTarget(
              "127.0.0.1", silent.getLocalPort(), "root", new SshSecret.Password("x"), null);
      assertThatThrownBy(() -> connector.open(target, Duration.ofMillis(700)))
          .isInstanceOfSatisfying(
              ScanFailure.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.CONNECTION_TIMEOUT))
          .hasMessage(
              "connection to 127.0.0.1:" + silent.getLocalPort() + " timed out after 0.7 s");
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void secretsNeverShowInToString() {
    SshTarget target =
        target(sshd, "root", new SshSecret.PrivateKey("KEY-TEXT", "PASS-PHRASE"), null);
    assertThat(target.toString()).doesNotContain("KEY-TEXT").doesNotContain("PASS-PHRASE");
    assertThat(new SshSecret.Password("hunter2").toString()).doesNotContain("hunter2");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ?> assertFailure(
      SshTarget target, FailureReason reason) {
    return assertThatThrownBy(() -> connector.open(target, CONNECT))
        .isInstanceOfSatisfying(ScanFailure.class, f -> assertThat(f.reason()).isEqualTo(reason));
  }

  private static SshTarget rootWithKey(String pin) {
    return target(sshd, "root", new SshSecret.PrivateKey(sshd.userKey()), pin);
  }

  static SshTarget target(SshdHarness server, String user, SshSecret secret, String pin) {
    return new SshTarget(server.host(), server.port(), user, secret, pin);
  }

  private static void acceptForever(ServerSocket server, List<Socket> accepted) {
    try {
      while (true) {
        Socket socket = server.accept();
        synchronized (accepted) {
          accepted.add(socket);
        }
      }
    } catch (IOException closed) {
      // the test is over
    }
  }
}
