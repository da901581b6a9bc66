package dev.vigil.scanning;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/**
 * Makes text a target sent inert before it is stored, shown or logged: control characters other
 * than newline and tab (C0, DEL, C1, so {@code ESC ] 0 ; … BEL} cannot retitle a terminal or
 * rewrite a log line) and the Unicode bidirectional overrides are shown escaped ({@code \x1b},
 * {@code \u202e}). Applied where target text enters Vigil: {@link ExecResult}, streamed stdout
 * lines, {@link ScanFailure} messages and {@link ConnectionReport}. Never applied to the ARF or the
 * HTML report, which are kept byte for byte as evidence.
 */
public final class TargetText {

  private TargetText() {}

  /** {@code text} with every character that is not inert escaped; null stays null. */
  @Contract("!null -> !null")
  public static @Nullable String inert(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !escaped(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!escaped(c)) {
        out.append(c);
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean escaped(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    return Character.isISOControl(c)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
