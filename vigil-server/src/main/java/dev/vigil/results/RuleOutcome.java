package dev.vigil.results;

import dev.vigil.scap.arf.ResultType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the rule view counts one server's result of one rule: {@code fail} (not waived), {@code
 * waived} (a fail an approved, unexpired waiver accepts), {@code pass} (pass or fixed), {@code
 * error} (error or unknown), {@code other} (notapplicable, notchecked, informational). A rule the
 * profile did not select (notselected) is not counted.
 */
public enum RuleOutcome {
  FAIL,
  WAIVED,
  PASS,
  ERROR,
  OTHER;

  /** The API and filter word, e.g. {@code fail}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome named by {@code code}, if any. */
  public static Optional<RuleOutcome> of(String code) {
    return Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst();
  }

  /** The outcome of one result; null for notselected. */
  public static RuleOutcome of(ResultType type, boolean waived) {
    return switch (type) {
      case FAIL -> waived ? WAIVED : FAIL;
      case PASS, FIXED -> PASS;
      case ERROR, UNKNOWN -> ERROR;
      case NOTSELECTED -> null;
      default -> OTHER;
    };
  }
}
