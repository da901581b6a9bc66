package dev.vigil.scap.content;

import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/** Reads the text of an element (titles, descriptions) as plain text, markup removed. */
final class Text {
  private static final Set<String> INLINE =
      Set.of("a", "abbr", "b", "code", "em", "i", "span", "strong", "sub", "sup", "tt", "u");

  private Text() {}

  /**
   * Reads a title from the current START_ELEMENT to its END_ELEMENT: markup removed, ends trimmed,
   * inner whitespace kept as written, which is what {@code oscap info} prints.
   */
  static String title(XMLStreamReader r) throws XMLStreamException {
    return read(r, false).toString().strip();
  }

  /**
   * Reads a description from the current START_ELEMENT to its END_ELEMENT: markup removed, block
   * elements separated by a space, whitespace collapsed.
   */
  static String description(XMLStreamReader r) throws XMLStreamException {
    return collapse(read(r, true));
  }

  private static CharSequence read(XMLStreamReader r, boolean separate) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          separate(sb, r.getLocalName(), separate);
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          separate(sb, r.getLocalName(), separate);
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA ->
            sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        default -> {}
      }
    }
    return sb;
  }

  private static void separate(StringBuilder sb, String local, boolean separate) {
    if (separate && !INLINE.contains(local)) {
      sb.append(' ');
    }
  }

  static String collapse(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Ranks an xml:lang for picking a title: English first, then untagged, then the rest. */
  static int langRank(@Nullable String lang) {
    if (lang == null || lang.isEmpty()) {
      return 2;
    }
    String l = lang.toLowerCase(java.util.Locale.ROOT);
    if (l.equals("en-us") || l.equals("en")) {
      return 0;
    }
    return l.startsWith("en-") ? 1 : 3;
  }

  /** Keeps the best-ranked title seen so far: the first of the best rank. */
  static final class Best {
    private @Nullable String text;
    private int rank = Integer.MAX_VALUE;

    void offer(@Nullable String lang, String candidate) {
      int r = langRank(lang);
      if (r < rank) {
        rank = r;
        text = candidate;
      }
    }

    String get() {
      return text == null ? "" : text;
    }
  }
}
