package dev.vigil.scanning;

import java.time.Duration;

/**
 * Tests whether Vigil can scan a target: reach it, check its host key, log in, then run the {@link
 * TargetProbe} checks; answers with a report rather than throwing.
 */
public final class ConnectionTester {

  private final SshConnector connector;

  public ConnectionTester(SshConnector connector) {
    this.connector = connector;
  }

  /** Tests an SSH target; {@code sudo} when the server's privilege mode is sudo. */
  public ConnectionReport testSsh(
      String serverName, SshTarget target, boolean sudo, Duration connect, Duration command) {
    return testSsh(serverName, target, sudo, connect, command, TargetProbe.WORK_DIR);
  }

  /** Tests an SSH target whose scans work in {@code workDir} (checked writable by the user). */
  public ConnectionReport testSsh(
      String serverName,
      SshTarget target,
      boolean sudo,
      Duration connect,
      Duration command,
      String workDir) {
    SshSession session;
    try {
      session = connector.open(target, connect);
    } catch (HostKeyMismatch e) {
      return ConnectionReport.failed(true, e.presented(), e);
    } catch (ScanFailure e) {
      boolean reachable =
          e.reason() != FailureReason.UNREACHABLE && e.reason() != FailureReason.CONNECTION_TIMEOUT;
      return ConnectionReport.failed(reachable, null, e);
    }
    try (session) {
      TargetProbe.Facts facts =
          TargetProbe.check(c -> session.exec(c, command), serverName, sudo, workDir);
      return ConnectionReport.loggedIn(session.hostKeyFingerprint(), facts);
    } catch (ScanFailure e) {
      return ConnectionReport.stopped(
          true, session.hostKeyFingerprint(), true, e.reason(), e.getMessage());
    }
  }

  /** Tests the Vigil host itself with local processes (no SSH). */
  public ConnectionReport testLocal(String serverName, boolean sudo, Duration command) {
    try {
      TargetProbe.Facts facts = TargetProbe.check(new LocalCommands(command), serverName, sudo);
      return ConnectionReport.loggedIn(null, facts);
    } catch (ScanFailure e) {
      return ConnectionReport.stopped(true, null, true, e.reason(), e.getMessage());
    }
  }
}
