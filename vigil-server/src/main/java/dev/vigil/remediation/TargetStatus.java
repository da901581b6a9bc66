package dev.vigil.remediation;

import java.util.Locale;

/** The states of one server within a remediation run. */
public enum TargetStatus {
  PENDING,
  WAITING,
  RUNNING,
  RESCANNING,
  DONE,
  FAILED,
  REFUSED,
  CANCELLED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TargetStatus of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public boolean ended() {
    return this == DONE || this == FAILED || this == REFUSED || this == CANCELLED;
  }
}
