package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.assertFails;
import static dev.vigil.scanning.ScanTestSupport.request;
import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SilentPort;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's connection retries and the connector's handshake cap against a real sshd, a closed
 * loopback port and a port that never answers.
 */
class ConnectRetrySystemTest {

  private static final ConnectRetry TWICE = new ConnectRetry(2, Duration.ofMillis(200));

  private static SshdHarness sshd;
  private static SshConnector connector;
  private static ScanEngine engine;
  private static Path nineDs;

  @TempDir static Path shared;
  private String workDir;

  @BeforeAll
  static void start() throws Exception {
    ScanFixtures.requireScanning();
    sshd = SshdHarness.start();
    sshd.authorize("root");
    connector = new SshConnector();
    engine = new ScanEngine(connector);
    nineDs = ScanFixtures.nineResultsDatastream(shared);
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
  void aRefusedConnectionIsTriedAgainAndEachAttemptIsAnEvent() throws Exception {
    try (SshdHarness closed = SshdHarness.start()) {
      closed.stop();
      List<String> events = new CopyOnWriteArrayList<>();
      ScanControl control = new ScanControl();
      control.onEvent(events::add);

      assertFails(
              () -> engine.scan(scanOf(closed, sshd.userKey(), TWICE), control),
              FailureReason.UNREACHABLE)
          .hasMessageContaining("connection refused");

      String address = closed.host() + ":" + closed.port();
      assertThat(events).hasSize(3);
      assertThat(events.get(0))
          .startsWith("connection attempt 1 of 3 failed: cannot reach " + address)
          .contains("; next in ");
      assertThat(events.get(1)).startsWith("connection attempt 2 of 3 failed: ");
      assertThat(events.get(2))
          .isEqualTo(
              "connection attempt 3 of 3 failed: cannot reach " + address + ": connection refused");
    }
  }

  @Test
  void aRefusedLoginIsNeverTriedAgain() throws Exception {
    try (SshdHarness other = SshdHarness.start()) {
      List<String> events = new CopyOnWriteArrayList<>();
      ScanControl control = new ScanControl();
      control.onEvent(events::add);

      assertFails(
          () -> engine.scan(scanOf(sshd, other.userKey(), TWICE), control),
          FailureReason.AUTHENTICATION_FAILED);

      assertThat(events).isEmpty();
    }
  }

  @Test
  void aCancelDuringTheBackoffEndsTheScanCancelled() throws Exception {
    try (SshdHarness closed = SshdHarness.start()) {
      closed.stop();
      ScanControl control = new ScanControl();
      control.onEvent(line -> control.cancel());
      ConnectRetry slow = new ConnectRetry(1, Duration.ofMinutes(5));

      assertFails(
          () -> engine.scan(scanOf(closed, sshd.userKey(), slow), control),
          FailureReason.CANCELLED);
    }
  }

  @Test
  void handshakesBeyondTheCapWaitForAFreeOne() throws Exception {
    Duration silentTimeout = Duration.ofSeconds(3);
    try (SilentPort silent = new SilentPort();
        SshConnector single = new SshConnector(1)) {
      SshTarget mute =
          new SshTarget(
              silent.host(), silent.port(), "root", new SshSecret.PrivateKey(sshd.userKey()), null);
      long start = System.nanoTime();
      CompletableFuture<Long> muteFailed =
          CompletableFuture.supplyAsync(
              () -> {
                try (SshSession never = single.open(mute, silentTimeout)) {
                  throw new AssertionError("the silent port answered");
                } catch (ScanFailure e) {
                  return System.nanoTime();
                }
              });
      org.awaitility.Awaitility.await().until(() -> silent.accepted() == 1);

      try (SshSession session = single.open(rootTarget(), ScanTestSupport.CONNECT)) {
        long loggedIn = System.nanoTime();
        assertThat(session.exec("echo in", Duration.ofSeconds(10)).stdout()).isEqualTo("in\n");
        assertThat(Duration.ofNanos(loggedIn - start))
            .as("the second login waited for the first handshake's timeout")
            .isGreaterThanOrEqualTo(silentTimeout);
        assertThat(loggedIn).isGreaterThan(muteFailed.get());
      }
    }
  }

  private ScanRequest scanOf(SshdHarness target, String key, ConnectRetry retry) throws Exception {
    TargetConnection connection =
        new TargetConnection.Ssh(
            new SshTarget(
                target.host(), target.port(), "root", new SshSecret.PrivateKey(key), null),
            ScanTestSupport.CONNECT,
            retry);
    return request(connection, false, nineDs, NINE_PROFILE, workDir);
  }

  private static SshTarget rootTarget() {
    return new SshTarget(
        sshd.host(), sshd.port(), "root", new SshSecret.PrivateKey(sshd.userKey()), null);
  }
}
