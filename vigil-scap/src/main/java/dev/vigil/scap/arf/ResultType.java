package dev.vigil.scap.arf;

import java.util.Locale;

/** The nine XCCDF 1.2 rule results, as oscap writes them in {@code <result>}. */
public enum ResultType {
  PASS,
  FAIL,
  ERROR,
  UNKNOWN,
  NOTAPPLICABLE,
  NOTCHECKED,
  NOTSELECTED,
  INFORMATIONAL,
  FIXED;

  /**
   * The result type for its XCCDF spelling, such as {@code "notapplicable"}; surrounding whitespace
   * is ignored.
   *
   * @throws IllegalArgumentException when the text is not one of the nine XCCDF results
   */
  public static ResultType fromXccdf(String text) {
    String t = text == null ? "" : text.strip();
    for (ResultType type : values()) {
      if (type.xccdf().equals(t)) {
        return type;
      }
    }
    throw new IllegalArgumentException("not an XCCDF rule result: '" + t + "'");
  }

  /** The XCCDF spelling, such as {@code "notapplicable"}. */
  public String xccdf() {
    return name().toLowerCase(Locale.ROOT);
  }
}
