package dev.vigil.packages;

import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.xml.SafeXml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Vigil's own check of the parts of a source datastream it reads, for when there is no {@code
 * oscap} on the Vigil host: every {@code data-stream} has its children in the schema's order
 * (dictionaries?, checklists?, checks, extended-components?) with the required {@code checks}, and
 * every local {@code component-ref} points to a component of the collection. Not a full schema
 * check.
 */
final class DatastreamStructure {

  private static final List<String> ORDER =
      List.of("dictionaries", "checklists", "checks", "extended-components");
  private static final String XLINK = "http://www.w3.org/1999/xlink";

  private DatastreamStructure() {}

  /** The first problem found, null when the structure is sound. */
  static String problem(Path file) throws ScapContentException {
    XMLStreamReader r = SafeXml.open(file);
    try {
      return scan(r);
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e);
    } finally {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // closing a reader we are done with
      }
    }
  }

  private static String scan(XMLStreamReader r) throws XMLStreamException {
    Set<String> components = new HashSet<>();
    List<String> refs = new ArrayList<>();
    String stream = null;
    int depth = 0;
    int streamDepth = -1;
    int last = -1;
    boolean checks = false;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String name = datastream(r) ? r.getLocalName() : null;
        if ("data-stream".equals(name)) {
          stream = r.getAttributeValue(null, "id");
          streamDepth = depth;
          last = -1;
          checks = false;
        } else if (stream != null && depth == streamDepth + 1) {
          int at = ORDER.indexOf(name);
          if (at < 0 || at <= last || (at > ORDER.indexOf("checks") && !checks)) {
            return "data-stream "
                + stream
                + ": element '"
                + r.getLocalName()
                + "' is not expected here; expected is "
                + expected(last, checks);
          }
          last = at;
          checks |= "checks".equals(name);
        } else if ("component".equals(name) || "extended-component".equals(name)) {
          components.add(r.getAttributeValue(null, "id"));
        } else if ("component-ref".equals(name)) {
          refs.add(r.getAttributeValue(XLINK, "href"));
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (depth == streamDepth) {
          if (!checks) {
            return "data-stream " + stream + " has no 'checks' element, which is required";
          }
          stream = null;
          streamDepth = -1;
        }
        depth--;
      }
    }
    for (String href : refs) {
      if (href == null || (href.startsWith("#") && !components.contains(href.substring(1)))) {
        return "component-ref " + href + " points to no component of the collection";
      }
    }
    return null;
  }

  private static String expected(int last, boolean checks) {
    List<String> next = checks ? ORDER.subList(last + 1, ORDER.size()) : ORDER.subList(last + 1, 3);
    return next.isEmpty() ? "the end of the data-stream" : "(" + String.join(", ", next) + ")";
  }

  private static boolean datastream(XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    return "http://scap.nist.gov/schema/scap/source/1.2".equals(ns)
        || "http://scap.nist.gov/schema/scap/source/1.3".equals(ns);
  }
}
