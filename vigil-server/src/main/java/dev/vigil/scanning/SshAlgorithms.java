package dev.vigil.scanning;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;

/**
 * The order in which the shared SSH client proposes key exchanges and ciphers; nothing is removed,
 * so a server that accepts only other algorithms still connects.
 *
 * <ul>
 *   <li>Key exchange: MINA's order, the post-quantum hybrid {@code sntrup761x25519-sha512} first as
 *       in OpenSSH ≥ 9.0, unless {@code vigil.scanning.post-quantum-kex=false} puts {@code
 *       curve25519-sha256} first. The hybrid protects recorded scan traffic (a fleet's security
 *       posture) against a future quantum computer; its pure Java lattice code costs ~30 ms more
 *       per handshake than X25519 in a warm JVM and 100+ ms in the first scans after a start
 *       (docs/benchmarks.md, "SSH overhead").
 *   <li>Ciphers: AES-GCM first (AEAD like ChaCha20-Poly1305, MINA's first choice, but done by the
 *       JDK's AES-NI intrinsics rather than pure Java): the ARF and report of a scan are megabytes.
 * </ul>
 */
final class SshAlgorithms {

  static final List<String> CLASSIC_KEX_FIRST =
      List.of("curve25519-sha256", "curve25519-sha256@libssh.org");
  static final List<String> CIPHERS_FIRST =
      List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com");

  private SshAlgorithms() {}

  static void configure(SshClient client, boolean postQuantumKexFirst) {
    if (!postQuantumKexFirst) {
      client.setKeyExchangeFactories(
          preferring(client.getKeyExchangeFactories(), CLASSIC_KEX_FIRST));
    }
    client.setCipherFactories(preferring(client.getCipherFactories(), CIPHERS_FIRST));
  }

  /** {@code factories} with those named in {@code first} moved ahead, in that order. */
  static <T extends NamedResource> List<T> preferring(List<T> factories, List<String> first) {
    List<T> ordered = new ArrayList<>(factories.size());
    for (String name : first) {
      factories.stream().filter(f -> f.getName().equals(name)).forEach(ordered::add);
    }
    factories.stream().filter(f -> !first.contains(f.getName())).forEach(ordered::add);
    return ordered;
  }
}
