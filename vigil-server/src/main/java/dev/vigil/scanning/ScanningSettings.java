package dev.vigil.scanning;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the SSH transport and the scan engine on this node (the scan slots' cap, {@code
 * vigil.scanning.max-concurrent}, is the executions' own).
 *
 * @param maxConcurrentHandshakes SSH connects and logins running at once on this node; the others
 *     wait their turn
 * @param compressResults whether targets gzip the ARF and the report before sending them: {@code
 *     auto} (all but loopback targets), {@code always} or {@code never}
 * @param postQuantumKex whether SSH proposes the post-quantum hybrid key exchanges ({@code
 *     sntrup761x25519-sha512}, …) before {@code curve25519-sha256}, as OpenSSH ≥ 9.0 does (the
 *     default): recorded scan traffic stays safe from a future quantum computer, at ~30 ms more per
 *     handshake in a warm JVM (see {@link SshAlgorithms}); {@code false} trades that for speed
 */
@ConfigurationProperties("vigil.scanning")
public record ScanningSettings(
    @DefaultValue("4") int maxConcurrentHandshakes,
    @DefaultValue("auto") ResultCompression compressResults,
    @DefaultValue("true") boolean postQuantumKex) {
  public ScanningSettings {
    if (maxConcurrentHandshakes < 1) {
      throw new IllegalArgumentException(
          "vigil.scanning.max-concurrent-handshakes must be at least 1");
    }
  }
}
