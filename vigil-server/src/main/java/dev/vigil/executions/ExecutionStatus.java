package dev.vigil.executions;

import java.util.Locale;

/** The states of a job execution, derived from its target runs. */
public enum ExecutionStatus {
  QUEUED,
  RUNNING,
  COMPLETE,
  FAILED,
  CANCELLED;

  /** The stored and shown code (also the Morpheus status word). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored code. */
  public static ExecutionStatus of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** True once the execution can change no more. */
  public boolean ended() {
    return this == COMPLETE || this == FAILED || this == CANCELLED;
  }
}
