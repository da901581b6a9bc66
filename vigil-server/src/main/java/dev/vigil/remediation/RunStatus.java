package dev.vigil.remediation;

import java.util.Locale;

/** The states of a remediation run: nothing runs before it is approved. */
public enum RunStatus {
  PENDING_APPROVAL,
  QUEUED,
  RUNNING,
  COMPLETE,
  FAILED,
  REJECTED,
  CANCELLED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public boolean ended() {
    return this == COMPLETE || this == FAILED || this == REJECTED || this == CANCELLED;
  }
}
