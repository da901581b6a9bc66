package dev.vigil.firing;

import java.util.Locale;

/** What came of a fire: an execution started, skipped while the previous one runs, or failed. */
public enum FireOutcome {
  STARTED,
  SKIPPED,
  FAILED;

  /** The API's and the database's word: {@code started}, {@code skipped}, {@code failed}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static FireOutcome of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
