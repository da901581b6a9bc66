package dev.vigil.scanning;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and as whom to log in; {@code expectedHostKey} is the pinned {@code SHA256:…} fingerprint,
 * or null to trust on first use: then {@code firstUse} (when given) pins the presented key as soon
 * as the login succeeded, and a key pinned meanwhile by another connection must match.
 */
public record SshTarget(
    String host,
    int port,
    String username,
    SshSecret secret,
    @Nullable String expectedHostKey,
    @Nullable FirstUsePin firstUse) {

  /** A target without a first-use pin (the caller pins {@link SshSession#hostKeyFingerprint()}). */
  public SshTarget(
      String host, int port, String username, SshSecret secret, @Nullable String expectedHostKey) {
    this(host, port, username, secret, expectedHostKey, null);
  }

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
    return new SshTarget(host, port, username, secret, fingerprint, null);
  }

  /** The same target, pinning its host key through {@code pin} at the first login. */
  public SshTarget withFirstUsePin(FirstUsePin pin) {
    return new SshTarget(host, port, username, secret, expectedHostKey, pin);
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
