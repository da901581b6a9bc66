package dev.vigil.scanning;

import java.util.Objects;

/**
 * Where and as whom to log in; {@code expectedHostKey} is the pinned {@code SHA256:…} fingerprint,
 * or null to trust on first use (the caller then pins {@link SshSession#hostKeyFingerprint()}).
 */
public record SshTarget(
    String host, int port, String username, SshSecret secret, String expectedHostKey) {

  public SshTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** The same target pinned to the given host key fingerprint. */
  public SshTarget withExpectedHostKey(String fingerprint) {
    return new SshTarget(host, port, username, secret, fingerprint);
  }

  /** {@code user@host:port}, for messages. */
  public String describe() {
    return username + "@" + address();
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
