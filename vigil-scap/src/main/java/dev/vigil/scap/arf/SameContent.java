package dev.vigil.scap.arf;

import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.xml.SafeXml;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether two XML documents hold the same content as a re-serialising writer would keep it:
 * the same elements and attributes by namespace URI and local name, with the same values and text,
 * where whitespace-only text counts as none. Prefixes, namespace declarations, the XML declaration,
 * character references versus the characters, comments and processing instructions do not matter.
 * This is how oscap's copy of a datastream inside an ARF (libxml2 writes it indented and in UTF-8)
 * is checked against the package's file. Both are read with {@link SafeXml}.
 */
public final class SameContent {

  private SameContent() {}

  /**
   * Compares two documents and closes both streams.
   *
   * @return empty when they hold the same content, else where they first differ
   */
  public static java.util.Optional<String> difference(InputStream a, InputStream b) {
    XMLInputFactory factory = SafeXml.newInputFactory();
    @Nullable XMLStreamReader x = null;
    @Nullable XMLStreamReader y = null;
    try {
      x = SafeXml.open(a, factory, "package datastream");
      y = SafeXml.open(b, factory, "embedded datastream");
      return compare(x, y);
    } catch (ScapContentException e) {
      return java.util.Optional.of("unreadable: " + e.getMessage());
    } catch (XMLStreamException e) {
      return java.util.Optional.of("unreadable: " + SafeXml.failure(e).getMessage());
    } finally {
      close(x, a);
      close(y, b);
    }
  }

  private static java.util.Optional<String> compare(XMLStreamReader x, XMLStreamReader y)
      throws XMLStreamException {
    StringBuilder tx = new StringBuilder();
    StringBuilder ty = new StringBuilder();
    while (true) {
      int ex = nextMarkup(x, tx);
      int ey = nextMarkup(y, ty);
      if (!sameText(tx, ty)) {
        return java.util.Optional.of("text differs before line " + y.getLocation().getLineNumber());
      }
      if (ex != ey) {
        return java.util.Optional.of(
            "structure differs at line " + y.getLocation().getLineNumber());
      }
      if (ex == XMLStreamConstants.END_DOCUMENT) {
        return java.util.Optional.empty();
      }
      if (ex == XMLStreamConstants.START_ELEMENT && !sameStart(x, y)) {
        return java.util.Optional.of(
            "element <"
                + y.getLocalName()
                + "> differs at line "
                + y.getLocation().getLineNumber());
      }
      if (ex == XMLStreamConstants.END_ELEMENT && !sameName(x, y)) {
        return java.util.Optional.of(
            "structure differs at line " + y.getLocation().getLineNumber());
      }
    }
  }

  /** Advances to the next start tag, end tag or document end, collecting the text on the way. */
  private static int nextMarkup(XMLStreamReader r, StringBuilder text) throws XMLStreamException {
    text.setLength(0);
    while (r.hasNext()) {
      int e = r.next();
      switch (e) {
        case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
          return e;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        case XMLStreamConstants.ENTITY_REFERENCE -> text.append('&').append(r.getLocalName());
        default -> {}
      }
    }
    return XMLStreamConstants.END_DOCUMENT;
  }

  private static boolean sameText(StringBuilder a, StringBuilder b) {
    if (a.toString().isBlank() && b.toString().isBlank()) {
      return true;
    }
    return a.compareTo(b) == 0;
  }

  private static boolean sameName(XMLStreamReader x, XMLStreamReader y) {
    return x.getLocalName().equals(y.getLocalName())
        && nz(x.getNamespaceURI()).equals(nz(y.getNamespaceURI()));
  }

  private static boolean sameStart(XMLStreamReader x, XMLStreamReader y) {
    return sameName(x, y) && attributes(x).equals(attributes(y));
  }

  private static List<String> attributes(XMLStreamReader r) {
    List<String> all = new ArrayList<>(r.getAttributeCount());
    for (int i = 0; i < r.getAttributeCount(); i++) {
      all.add(
          nz(r.getAttributeNamespace(i))
              + '\u0000'
              + r.getAttributeLocalName(i)
              + '\u0000'
              + r.getAttributeValue(i));
    }
    all.sort(null);
    return all;
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static void close(@Nullable XMLStreamReader r, InputStream in) {
    try {
      if (r != null) {
        r.close();
      }
      in.close();
    } catch (XMLStreamException | java.io.IOException ignored) {
      // compared already
    }
  }
}
