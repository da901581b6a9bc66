package dev.vigil.scanning;

import org.jspecify.annotations.Nullable;

/** The server presented a host key other than the pinned one; carries both fingerprints. */
public final class HostKeyMismatch extends ScanFailure {

  private final String expected;
  private final @Nullable String presented;

  public HostKeyMismatch(String expected, @Nullable String presented, @Nullable Throwable cause) {
    super(
        FailureReason.HOST_KEY_MISMATCH,
        "host key mismatch: expected " + expected + ", got " + presented,
        cause);
    this.expected = expected;
    this.presented = presented;
  }

  /** The pinned fingerprint. */
  public String expected() {
    return expected;
  }

  /** The fingerprint the server presented. */
  public @Nullable String presented() {
    return presented;
  }
}
