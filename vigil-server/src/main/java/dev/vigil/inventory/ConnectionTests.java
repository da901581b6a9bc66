package dev.vigil.inventory;

import dev.vigil.scanning.ConnectionReport;
import dev.vigil.scanning.ConnectionTester;
import dev.vigil.scanning.FailureReason;
import dev.vigil.scanning.SshTarget;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Runs a server's connection test (no database transaction is held while connecting; the host key
 * is pinned at the first login, see {@link ServerService#sshTarget}), records a changed key as
 * pending, and stores the result as the last test.
 */
@Service
public class ConnectionTests {

  private final ServerService servers;
  private final ConnectionTester tester;
  private final InventorySettings settings;
  private final Clock clock;

  ConnectionTests(
      ServerService servers, ConnectionTester tester, InventorySettings settings, Clock clock) {
    this.servers = servers;
    this.tester = tester;
    this.settings = settings;
    this.clock = clock;
  }

  /** Tests the server now and returns what was found. */
  public ConnectionReport test(long serverId) {
    Server s = servers.get(serverId);
    boolean sudo = s.privilegeMode() == PrivilegeMode.SUDO;
    ConnectionReport r =
        s.ssh() ? testSsh(s, sudo) : tester.testLocal(s.name(), sudo, settings.commandTimeout());
    servers.recordConnectionTest(serverId, lastTest(r));
    return r;
  }

  private ConnectionReport testSsh(Server s, boolean sudo) {
    SshTarget target;
    try {
      target = servers.sshTarget(s.id());
    } catch (SecretUnreadableException e) {
      return ConnectionReport.stopped(
          false,
          null,
          false,
          FailureReason.AUTHENTICATION_FAILED,
          "cannot use credential: " + e.getMessage());
    }
    ConnectionReport r =
        tester.testSsh(
            s.name(), target, sudo, settings.connectTimeout(), settings.commandTimeout());
    // a first login pinned the key already (SshTarget's first-use pin), whatever the probe found
    if (r.reason() == FailureReason.HOST_KEY_MISMATCH && r.hostKey() != null) {
      servers.recordHostKeyMismatch(s.id(), r.hostKey());
    }
    return r;
  }

  private LastTest lastTest(ConnectionReport r) {
    return new LastTest(
        clock.instant(),
        r.ok(),
        r.error(),
        r.os(),
        r.oscapVersion(),
        r.privilege(),
        r.freeBytes(),
        r.memTotal(),
        r.memFree(),
        r.diskTotal(),
        r.diskFree(),
        r.cpuUsage());
  }
}
