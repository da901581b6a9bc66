package dev.vigil.scanning;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.jspecify.annotations.Nullable;

/**
 * One connection's host key expectation, carried in the connection context so the shared verifier
 * can compare the server's key before any credential is sent.
 */
final class HostKeyCheck {

  static final AttributeKey<HostKeyCheck> KEY = new AttributeKey<>();

  /** The client-wide verifier: accepts only what the connection's check accepts, never all. */
  static final ServerKeyVerifier VERIFIER = HostKeyCheck::verify;

  private final @Nullable String expected;
  private final AtomicReference<String> presented = new AtomicReference<>();

  HostKeyCheck(@Nullable String expected) {
    this.expected = expected;
  }

  AttributeRepository asContext() {
    return AttributeRepository.ofKeyValuePair(KEY, this);
  }

  /** The fingerprint the server presented, or null before key exchange. */
  @Nullable String presented() {
    return presented.get();
  }

  /** The fingerprint the server presented, once the key exchange is done (before any login). */
  String presentedAfterKex() {
    String key = presented.get();
    if (key == null) {
      throw new IllegalStateException("no host key presented before the login");
    }
    return key;
  }

  @Nullable String expected() {
    return expected;
  }

  boolean mismatched() {
    String actual = presented.get();
    return actual != null && expected != null && !expected.equals(actual);
  }

  static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
  }

  private static boolean verify(ClientSession session, SocketAddress remote, PublicKey key) {
    AttributeRepository context = session.getConnectionContext();
    HostKeyCheck check = context == null ? null : context.getAttribute(KEY);
    if (check == null) {
      return false;
    }
    String actual = fingerprint(key);
    check.presented.set(actual);
    return check.expected == null || check.expected.equals(actual);
  }
}
