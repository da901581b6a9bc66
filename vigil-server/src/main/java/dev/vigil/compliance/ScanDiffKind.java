package dev.vigil.compliance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How one rule's result changed between two scans, in the order changes are shown: a newly failing
 * rule first. "pass" is pass or fixed, "fail" is fail; a notselected rule counts as absent.
 */
public enum ScanDiffKind {
  PASS_TO_FAIL,
  FAIL_TO_PASS,
  NEW,
  GONE,
  OTHER;

  /** The kind as the API and pages name it: {@code pass_to_fail}, …. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of that code, ignoring case; empty for anything else. */
  public static Optional<ScanDiffKind> of(String code) {
    return Arrays.stream(values()).filter(k -> k.code().equalsIgnoreCase(code)).findFirst();
  }

  /** The kind as pages show it: {@code pass → fail}, …. */
  public String label() {
    return switch (this) {
      case PASS_TO_FAIL -> "pass \u2192 fail";
      case FAIL_TO_PASS -> "fail \u2192 pass";
      case NEW -> "new";
      case GONE -> "gone";
      case OTHER -> "other";
    };
  }

  /** Every code, for messages. */
  public static String codes() {
    return String.join(", ", Arrays.stream(values()).map(ScanDiffKind::code).toList());
  }

  /**
   * The change from {@code before} to {@code after} (XCCDF result names, null when the rule is
   * absent), or empty when nothing changed that counts.
   */
  static Optional<ScanDiffKind> between(String before, String after) {
    String b = present(before);
    String a = present(after);
    if (b == null && a == null) {
      return Optional.empty();
    }
    if (b == null) {
      return Optional.of(NEW);
    }
    if (a == null) {
      return Optional.of(GONE);
    }
    if (passes(b) && passes(a) || b.equals(a)) {
      return Optional.empty();
    }
    if (passes(b) && a.equals("fail")) {
      return Optional.of(PASS_TO_FAIL);
    }
    if (b.equals("fail") && passes(a)) {
      return Optional.of(FAIL_TO_PASS);
    }
    return Optional.of(OTHER);
  }

  /** The result, or null when the rule was not selected (or is not there at all). */
  static String present(String result) {
    return result == null || result.equals("notselected") ? null : result;
  }

  private static boolean passes(String result) {
    return result.equals("pass") || result.equals("fixed");
  }
}
