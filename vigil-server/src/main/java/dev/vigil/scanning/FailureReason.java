package dev.vigil.scanning;

import java.util.Locale;

/** Why a target run could not produce a security scan, as recorded on the target run. */
public enum FailureReason {
  UNREACHABLE("unreachable"),
  CONNECTION_TIMEOUT("connection timed out"),
  AUTHENTICATION_FAILED("authentication failed"),
  HOST_KEY_MISMATCH("host key mismatch"),
  OSCAP_MISSING("oscap missing"),
  PRIVILEGE_MISSING("privilege missing"),
  WORK_DIR_UNWRITABLE("work directory not writable"),
  NO_SPACE("no space left"),
  CONTENT_UPLOAD_FAILED("content upload failed"),
  SCAN_TIMED_OUT("scan timed out"),
  SCANNER_FAILED("scanner failed"),
  CANCELLED("cancelled"),
  RESULTS_UNREADABLE("results unreadable");

  private final String label;

  FailureReason(String label) {
    this.label = label;
  }

  /** The stable kebab-case code, e.g. {@code host-key-mismatch}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A short label for people, e.g. {@code host key mismatch}. */
  public String label() {
    return label;
  }
}
