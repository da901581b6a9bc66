package dev.vigil.scanning;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Names why opening an SSH session failed, from what MINA threw and what the host key check saw.
 */
final class ConnectFailures {

  private ConnectFailures() {}

  /** A failure before the TCP connection was up. */
  static ScanFailure connecting(SshTarget target, Duration timeout, Throwable error) {
    if (has(error, TimeoutException.class)) {
      return timedOut(target, timeout, error);
    }
    return new ScanFailure(
        FailureReason.UNREACHABLE,
        "cannot reach " + target.address() + ": " + networkCause(error),
        error);
  }

  /** A failure during key exchange or authentication. */
  static ScanFailure loggingIn(
      SshTarget target, HostKeyCheck check, Duration timeout, Throwable error) {
    String expected = check.expected();
    if (check.mismatched() && expected != null) { // only a key expected can mismatch
      return new HostKeyMismatch(expected, check.presented(), error);
    }
    if (has(error, TimeoutException.class)) {
      return timedOut(target, timeout, error);
    }
    if (check.presented() == null) {
      return new ScanFailure(
          FailureReason.UNREACHABLE,
          "cannot reach " + target.address() + ": the SSH handshake failed: " + message(error),
          error);
    }
    return new ScanFailure(
        FailureReason.AUTHENTICATION_FAILED,
        "authentication failed for " + target.describe(),
        error);
  }

  static ScanFailure timedOut(SshTarget target, Duration timeout, Throwable error) {
    return new ScanFailure(
        FailureReason.CONNECTION_TIMEOUT,
        "connection to " + target.address() + " timed out after " + Durations.seconds(timeout),
        error);
  }

  private static String networkCause(Throwable error) {
    if (has(error, ConnectException.class)) {
      return "connection refused";
    }
    if (has(error, UnknownHostException.class) || has(error, UnresolvedAddressException.class)) {
      return "unknown host";
    }
    if (has(error, NoRouteToHostException.class)) {
      return "no route to host";
    }
    return message(error);
  }

  private static String message(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
