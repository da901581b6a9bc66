package dev.vigil.scanning;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * Opens authenticated SSH sessions to targets with one shared MINA client, verifying the host key
 * against the pinned fingerprint (or trusting on first use) before any credential is sent.
 */
public final class SshConnector implements AutoCloseable {

  /** Concurrent handshakes by default: key exchanges are CPU-bound, 2 per core is plenty. */
  public static final int DEFAULT_MAX_HANDSHAKES = 4;

  private final SshClient client;
  private final Semaphore handshakes;

  public SshConnector() {
    this(DEFAULT_MAX_HANDSHAKES);
  }

  /**
   * A connector that runs at most {@code maxConcurrentHandshakes} connects and logins at once (the
   * others wait their turn before their connect timeout starts): under a burst the key exchanges
   * would otherwise starve each other into timeouts.
   */
  public SshConnector(int maxConcurrentHandshakes) {
    this(maxConcurrentHandshakes, true);
  }

  /**
   * As {@link #SshConnector(int)}; {@code postQuantumKexFirst} proposes MINA's post-quantum hybrid
   * key exchanges first instead of {@code curve25519-sha256} (see {@link SshAlgorithms}).
   */
  public SshConnector(int maxConcurrentHandshakes, boolean postQuantumKexFirst) {
    if (maxConcurrentHandshakes < 1) {
      throw new IllegalArgumentException(
          "at least one concurrent handshake: " + maxConcurrentHandshakes);
    }
    handshakes = new Semaphore(maxConcurrentHandshakes, true);
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(HostKeyCheck.VERIFIER);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setUserAuthFactories(
        List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
    SshAlgorithms.configure(client, postQuantumKexFirst);
    client.start();
  }

  /**
   * Connects, checks the host key and logs in, all within {@code connectTimeout}.
   *
   * @throws ScanFailure UNREACHABLE, CONNECTION_TIMEOUT, HOST_KEY_MISMATCH or AUTHENTICATION_FAILED
   */
  public SshSession open(SshTarget target, Duration connectTimeout) throws ScanFailure {
    try {
      handshakes.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScanFailure(
          FailureReason.CANCELLED, "interrupted before connecting to " + target.address());
    }
    try {
      return handshake(target, connectTimeout);
    } finally {
      handshakes.release();
    }
  }

  private SshSession handshake(SshTarget target, Duration connectTimeout) throws ScanFailure {
    List<KeyPair> keys = keysOf(target);
    long deadline = System.nanoTime() + connectTimeout.toNanos();
    HostKeyCheck check = new HostKeyCheck(target.expectedHostKey());
    ClientSession session = connect(target, check, connectTimeout);
    String presented;
    try {
      if (target.secret() instanceof SshSecret.Password password) {
        session.addPasswordIdentity(password.password());
      }
      keys.forEach(session::addPublicKeyIdentity);
      session.auth().verify(remaining(deadline), CancelOption.CANCEL_ON_TIMEOUT);
      presented = check.presentedAfterKex();
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw ConnectFailures.loggingIn(target, check, connectTimeout, e);
    }
    pinAtFirstUse(target, presented, session);
    return new SshSession(session, presented, target);
  }

  /**
   * Trust on first use, right after the login and before anything else: pins the presented key, or
   * refuses it when another connection pinned a different one meanwhile.
   */
  private static void pinAtFirstUse(SshTarget target, String presented, ClientSession session)
      throws HostKeyMismatch {
    if (target.expectedHostKey() != null || target.firstUse() == null) {
      return;
    }
    String pinned;
    try {
      pinned = target.firstUse().pin(presented);
    } catch (RuntimeException e) {
      session.close(true);
      throw e;
    }
    if (!presented.equals(pinned)) {
      session.close(true);
      throw new HostKeyMismatch(pinned, presented, null);
    }
  }

  @Override
  public void close() {
    client.stop();
  }

  private ClientSession connect(SshTarget target, HostKeyCheck check, Duration timeout)
      throws ScanFailure {
    try {
      ConnectFuture future =
          client.connect(target.username(), target.host(), target.port(), check.asContext());
      return future.verify(timeout, CancelOption.CANCEL_ON_TIMEOUT).getSession();
    } catch (IOException | RuntimeException e) {
      throw ConnectFailures.connecting(target, timeout, e);
    }
  }

  private static List<KeyPair> keysOf(SshTarget target) throws ScanFailure {
    return target.secret() instanceof SshSecret.PrivateKey key
        ? KeyIdentities.load(key, target)
        : List.of();
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
  }
}
