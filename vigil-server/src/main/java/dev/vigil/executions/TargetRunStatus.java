package dev.vigil.executions;

import java.util.Locale;

/** The states of one server's run within a job execution. */
public enum TargetRunStatus {
  QUEUED,
  CONNECTING,
  SCANNING,
  COLLECTING,
  DONE,
  FAILED,
  TIMED_OUT,
  CANCELLED;

  /** The stored and shown code, e.g. {@code timed_out}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored code. */
  public static TargetRunStatus of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** True once the run can change no more. */
  public boolean ended() {
    return this == DONE || this == FAILED || this == TIMED_OUT || this == CANCELLED;
  }

  /** True while the run holds a scan slot. */
  public boolean active() {
    return this == CONNECTING || this == SCANNING || this == COLLECTING;
  }

  /** True when the run ended without a scan because of the target. */
  public boolean failure() {
    return this == FAILED || this == TIMED_OUT;
  }

  /** The Morpheus status word of a process event. */
  public String morpheus() {
    return switch (this) {
      case QUEUED -> "queued";
      case CONNECTING, SCANNING, COLLECTING -> "running";
      case DONE -> "complete";
      case FAILED, TIMED_OUT -> "failed";
      case CANCELLED -> "cancelled";
    };
  }
}
