package dev.vigil.scanning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A remediation script to run on one target: uploaded into a private temporary directory and run
 * with bash (as root through {@code sudo -n} when {@code sudo}), killed with its whole process
 * group on timeout or cancel. Only SSH targets: Vigil never remediates its own host.
 *
 * @param targetName the target's name, for messages only
 */
public record FixRequest(
    String targetName,
    TargetConnection.Ssh connection,
    boolean sudo,
    Path script,
    Duration timeout) {

  public FixRequest {
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }
}
