package dev.vigil.scanning;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a target gzips the ARF and the report before sending them ({@code
 * vigil.scanning.compress-results}). Measured on loopback (bench/scan-bench.sh): {@code gzip -1} of
 * an 8 MB ARF costs more than sending it whole through SSH, so {@link #AUTO} sends plain to a
 * loopback target and compresses for every other, where the link is slower than the CPU.
 */
public enum ResultCompression {
  AUTO,
  ALWAYS,
  NEVER;

  /** Whether results from {@code connection} come compressed. */
  boolean compress(TargetConnection connection) {
    if (!(connection instanceof TargetConnection.Ssh ssh) || this == NEVER) {
      return false;
    }
    return this == ALWAYS || !loopback(ssh.target().host());
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
