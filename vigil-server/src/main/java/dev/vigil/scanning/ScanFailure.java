package dev.vigil.scanning;

import java.util.Objects;

/** A target run's failure with its reason and a message a user can read. */
public class ScanFailure extends Exception {

  private final FailureReason reason;

  public ScanFailure(FailureReason reason, String message) {
    this(reason, message, null);
  }

  public ScanFailure(FailureReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public FailureReason reason() {
    return reason;
  }
}
