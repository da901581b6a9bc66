package dev.vigil.scap.arf;

import dev.vigil.scap.content.ScapContentException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/** Small streaming steps shared by the ARF readers: children, text, skipping, XCCDF values. */
final class Xml {
  static final String XCCDF_12 = "http://checklists.nist.gov/xccdf/1.2";
  static final String XCCDF_11 = "http://checklists.nist.gov/xccdf/1.1";
  static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

  private Xml() {}

  static boolean isXccdf(@Nullable String ns) {
    return XCCDF_12.equals(ns) || XCCDF_11.equals(ns);
  }

  /** The current element is an XCCDF element with this local name. */
  static boolean is(XMLStreamReader r, String local) {
    return local.equals(r.getLocalName()) && isXccdf(r.getNamespaceURI());
  }

  /**
   * Moves to the next child of the current element: true at its START_ELEMENT, false at the
   * parent's END_ELEMENT. Text, comments and processing instructions in between are passed over.
   */
  static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
    while (true) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
    }
  }

  /** Skips from the current START_ELEMENT to its END_ELEMENT. */
  static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  /** The text inside the current element, markup removed and ends trimmed; ends at its end tag. */
  static String text(XMLStreamReader r) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        default -> {}
      }
    }
    return sb.toString().strip();
  }

  static @Nullable String attr(XMLStreamReader r, String name) {
    return r.getAttributeValue(null, name);
  }

  /** An xsd:dateTime; one without an offset is read as UTC. Null stays null. */
  static @Nullable Instant instant(@Nullable String value, String what)
      throws ScapContentException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              value.strip(), OffsetDateTime::from, LocalDateTime::from);
      return t instanceof OffsetDateTime o
          ? o.toInstant()
          : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new ScapContentException("invalid time '" + value + "' in " + what, e);
    }
  }

  /** An xsd:decimal or xsd:double, such as a score. */
  static double number(String value, String what) throws ScapContentException {
    try {
      return Double.parseDouble(value.strip().toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      throw new ScapContentException("invalid number '" + value + "' in " + what, e);
    }
  }

  /** Ranks an xml:lang for picking a title: English first, then untagged, then the rest. */
  static int langRank(@Nullable String lang) {
    if (lang == null || lang.isEmpty()) {
      return 2;
    }
    String l = lang.toLowerCase(Locale.ROOT);
    if (l.equals("en-us") || l.equals("en")) {
      return 0;
    }
    return l.startsWith("en-") ? 1 : 3;
  }
}
