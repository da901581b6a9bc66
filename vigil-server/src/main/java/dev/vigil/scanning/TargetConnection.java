package dev.vigil.scanning;

import java.time.Duration;
import java.util.Objects;

/** How the engine reaches a target: over SSH, or as local processes on the Vigil host itself. */
public sealed interface TargetConnection {

  /**
   * An SSH target, logged in within {@code connectTimeout}; a connection that fails for the
   * network's sake is tried again as {@code retry} says.
   */
  record Ssh(SshTarget target, Duration connectTimeout, ConnectRetry retry)
      implements TargetConnection {
    public Ssh(SshTarget target, Duration connectTimeout) {
      this(target, connectTimeout, ConnectRetry.NONE);
    }

    public Ssh {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(retry, "retry");
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
      }
    }
  }

  /** The Vigil host itself, scanned with local processes and no upload. */
  record Local() implements TargetConnection {}

  static TargetConnection ssh(SshTarget target, Duration connectTimeout) {
    return new Ssh(target, connectTimeout);
  }

  static TargetConnection local() {
    return new Local();
  }
}
