package dev.vigil.scanning;

import org.jspecify.annotations.Nullable;

/**
 * What a connection test found on a target: each step's outcome and the facts gathered; {@code
 * error} (with its {@code reason}) names the first step that failed, null when all passed. Sizes
 * are bytes. Text from the target is made inert ({@link TargetText}).
 */
public record ConnectionReport(
    boolean reachable,
    @Nullable String hostKey,
    boolean authenticated,
    @Nullable String os,
    @Nullable String oscapVersion,
    @Nullable String privilege,
    @Nullable Long freeBytes,
    @Nullable Long memTotal,
    @Nullable Long memFree,
    @Nullable Long diskTotal,
    @Nullable Long diskFree,
    @Nullable Double cpuUsage,
    @Nullable FailureReason reason,
    @Nullable String error) {

  public ConnectionReport {
    os = TargetText.inert(os);
    oscapVersion = TargetText.inert(oscapVersion);
    privilege = TargetText.inert(privilege);
    error = TargetText.inert(error);
  }

  /** True when every check passed. */
  public boolean ok() {
    return error == null;
  }

  /** A report of a test that stopped with {@code reason} before gathering any fact. */
  public static ConnectionReport stopped(
      boolean reachable,
      @Nullable String hostKey,
      boolean authenticated,
      @Nullable FailureReason reason,
      @Nullable String error) {
    return new ConnectionReport(
        reachable,
        hostKey,
        authenticated,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        reason,
        error);
  }

  /** A report of a connection that failed before any command ran. */
  static ConnectionReport failed(boolean reachable, @Nullable String hostKey, ScanFailure failure) {
    return stopped(reachable, hostKey, false, failure.reason(), failure.getMessage());
  }

  /** A report of a logged-in connection with the facts found. */
  static ConnectionReport loggedIn(@Nullable String hostKey, TargetProbe.Facts f) {
    return new ConnectionReport(
        true,
        hostKey,
        true,
        f.os(),
        f.oscapVersion(),
        f.privilege(),
        f.diskFree(),
        f.memTotal(),
        f.memFree(),
        f.diskTotal(),
        f.diskFree(),
        f.cpuUsage(),
        f.reason(),
        f.error());
  }
}
