package dev.vigil.inventory;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A managed host: address, login, privilege mode and its host key state (pinned fingerprint, and a
 * pending one seen on a mismatch, waiting for an operator to accept it).
 */
public record Server(
    long id,
    String name,
    String sshHost,
    int sshPort,
    @Nullable String sshUsername,
    @Nullable Long credentialId,
    @Nullable String credentialName,
    PrivilegeMode privilegeMode,
    ConnectionType connectionType,
    @Nullable String hostKeyFingerprint,
    boolean hostKeyExpected,
    @Nullable String pendingHostKey,
    @Nullable String description,
    List<String> labels,
    @Nullable LastTest lastTest,
    Instant createdAt,
    Instant updatedAt) {

  public Server {
    labels = List.copyOf(labels);
  }

  /** True when connections go over SSH (not local processes). */
  public boolean ssh() {
    return connectionType == ConnectionType.SSH;
  }

  /** Checks that a first-use pin is allowed: no key is pinned yet. */
  void requireUnpinned(String fingerprint) {
    if (hostKeyFingerprint != null) {
      throw new IllegalStateException(
          "server "
              + id
              + " already has host key "
              + hostKeyFingerprint
              + " pinned; not pinning "
              + fingerprint);
    }
  }

  /** Checks that {@code seen} really differs from the pinned key. */
  void requireMismatch(String seen) {
    if (hostKeyFingerprint == null || hostKeyFingerprint.equals(seen)) {
      throw new IllegalStateException(
          "server " + id + " has pinned " + hostKeyFingerprint + "; " + seen + " is no mismatch");
    }
  }

  /** Checks that there is a pending key to accept. */
  void requirePending() {
    if (pendingHostKey == null) {
      throw new IllegalStateException("server " + name + " has no new host key to accept");
    }
  }
}
