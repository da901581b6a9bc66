package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scanning.ConnectionReport;
import dev.vigil.scanning.FailureReason;
import dev.vigil.testsupport.SshdHarness;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection test against a real OpenSSH sshd: every check, host key pinning and mismatch,
 * privilege modes, password and passphrase credentials, a stopped sshd, and the local type.
 */
class ConnectionTestSystemTest {

  private static final String PLAIN = "vigil-plain";
  private static final String SUDO = "vigil-sudo";
  private static final String PASSWORD = "plain-Pass-123";

  private SshdHarness sshd;
  private InventoryFixture inv;

  @BeforeEach
  void start() throws IOException {
    sshd = SshdHarness.start();
    sshd.authorize("root");
    inv = new InventoryFixture();
  }

  @AfterEach
  void stop() {
    if (inv != null) {
      inv.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void rootWithKeyPassesEveryCheckAndPinsTheHostKey() {
    Server s = server("root-key", inv.key("k", "root", sshd.userKey(), null), "root");
    ConnectionReport r = inv.connectionTests.test(s.id());
    assertThat(r.ok()).as(r.error()).isTrue();
    assertThat(r.reachable()).isTrue();
    assertThat(r.authenticated()).isTrue();
    assertThat(r.hostKey()).isEqualTo(sshd.hostKeyFingerprint());
    assertThat(r.os()).isNotBlank();
    assertThat(r.oscapVersion()).contains("OpenSCAP");
    assertThat(r.privilege()).isEqualTo("root");
    assertThat(r.freeBytes()).isPositive();
    Server after = inv.servers.get(s.id());
    assertThat(after.hostKeyFingerprint()).isEqualTo(sshd.hostKeyFingerprint());
    assertThat(after.lastTest().ok()).isTrue();
    assertThat(after.lastTest().memTotal()).isPositive();
  }

  @Test
  void changedHostKeyIsRefusedUntilAccepted() throws IOException {
    Server s = server("moved", inv.key("k", "root", sshd.userKey(), null), "root");
    assertThat(inv.connectionTests.test(s.id()).ok()).isTrue();
    String old = sshd.hostKeyFingerprint();
    sshd.restartWithNewHostKey();
    String fresh = sshd.hostKeyFingerprint();
    ConnectionReport r = inv.connectionTests.test(s.id());
    assertThat(r.reason()).isEqualTo(FailureReason.HOST_KEY_MISMATCH);
    assertThat(r.error()).isEqualTo("host key mismatch: expected " + old + ", got " + fresh);
    assertThat(r.authenticated()).isFalse();
    assertThat(inv.servers.get(s.id()).pendingHostKey()).isEqualTo(fresh);
    assertThat(inv.connectionTests.test(s.id()).reason())
        .isEqualTo(FailureReason.HOST_KEY_MISMATCH);
    assertThat(inv.servers.get(s.id()).hostKeyFingerprint()).isEqualTo(old);
    inv.servers.acceptPendingHostKey(s.id());
    assertThat(inv.connectionTests.test(s.id()).ok()).isTrue();
    assertThat(inv.servers.get(s.id()).hostKeyFingerprint()).isEqualTo(fresh);
  }

  @Test
  void nonRootWithPasswordlessSudoHasSudoPrivilege() {
    SshdHarness.ensureUser(SUDO, true, PASSWORD);
    try {
      sshd.authorize(SUDO);
      Server s = server("sudo", inv.key("k", SUDO, sshd.userKey(), null), "sudo");
      ConnectionReport r = inv.connectionTests.test(s.id());
      assertThat(r.ok()).as(r.error()).isTrue();
      assertThat(r.privilege()).isEqualTo("sudo");
    } finally {
      SshdHarness.ensureUser(SUDO, false, PASSWORD);
    }
  }

  @Test
  void nonRootWithoutSudoNeedsRootOrPasswordlessSudo() {
    SshdHarness.ensureUser(PLAIN, false, PASSWORD);
    Server s = server("plain", inv.password("pw", PLAIN, PASSWORD), "sudo");
    ConnectionReport r = inv.connectionTests.test(s.id());
    assertThat(r.authenticated()).isTrue();
    assertThat(r.reason()).isEqualTo(FailureReason.PRIVILEGE_MISSING);
    assertThat(r.error()).isEqualTo("needs root or passwordless sudo on plain");
    assertThat(inv.servers.get(s.id()).lastTest().error()).isEqualTo(r.error());
  }

  @Test
  void passwordCredentialLogsIn() {
    SshdHarness.ensureUser(PLAIN, false, PASSWORD);
    Server s = server("pw", inv.password("pw", PLAIN, PASSWORD), "root");
    ConnectionReport r = inv.connectionTests.test(s.id());
    assertThat(r.authenticated()).as(r.error()).isTrue();
    assertThat(r.os()).isNotBlank();
  }

  @Test
  void keyWithPassphraseLogsIn() {
    String key = sshd.userKeyWithPassphrase("open sesame");
    Server s = server("pp", inv.key("k", "root", key, "open sesame"), "root");
    ConnectionReport r = inv.connectionTests.test(s.id());
    assertThat(r.ok()).as(r.error()).isTrue();
  }

  @Test
  void stoppedSshdIsUnreachable() {
    Server s = server("gone", inv.key("k", "root", sshd.userKey(), null), "root");
    sshd.stop();
    ConnectionReport r = inv.connectionTests.test(s.id());
    assertThat(r.reachable()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.UNREACHABLE);
    assertThat(r.error()).contains("cannot reach " + sshd.host()).contains("connection refused");
    assertThat(inv.servers.get(s.id()).hostKeyFingerprint()).isNull();
  }

  @Test
  void localConnectionTypeChecksThisHost() {
    Server s =
        inv.servers.create(
            new ServerInput(
                "self", null, null, null, null, false, "root", "local", null, List.of(), null));
    ConnectionReport r = inv.connectionTests.test(s.id());
    assertThat(r.ok()).as(r.error()).isTrue();
    assertThat(r.oscapVersion()).contains("OpenSCAP");
    assertThat(r.privilege()).isEqualTo("root");
    assertThat(inv.servers.get(s.id()).lastTest().diskTotal()).isPositive();
  }

  private Server server(String name, Credential c, String mode) {
    return inv.ssh(name, sshd.host(), sshd.port(), c, mode);
  }
}
