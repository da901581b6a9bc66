package dev.vigil.scanning;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A target run's failure with its reason and a message a user can read, made inert ({@link
 * TargetText}): it quotes what the target said.
 */
public class ScanFailure extends Exception {

  private final FailureReason reason;

  public ScanFailure(FailureReason reason, String message) {
    this(reason, message, null);
  }

  public ScanFailure(FailureReason reason, String message, @Nullable Throwable cause) {
    super(TargetText.inert(message), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public FailureReason reason() {
    return reason;
  }

  /**
   * The reason's label and the message, the label said once: "host key mismatch: expected …, got
   * …", "scanner failed: oscap exited 1: …".
   */
  public String describe() {
    String message = getMessage();
    return message != null && message.startsWith(reason.label())
        ? message
        : reason.label() + ": " + message;
  }
}
