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
import org.jspecify.annotations.Nullable;

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
  private static final int CHECKS = ORDER.indexOf("checks");
  private static final String XLINK = "http://www.w3.org/1999/xlink";

  private final XMLStreamReader r;
  private final Set<String> components = new HashSet<>();
  private final List<String> refs = new ArrayList<>();
  private @Nullable String stream;
  private int depth;
  private int streamDepth = -1;
  private int last = -1;
  private boolean checks;

  private DatastreamStructure(XMLStreamReader reader) {
    this.r = reader;
  }

  /** The first problem found, null when the structure is sound. */
  static @Nullable String problem(Path file) throws ScapContentException {
    XMLStreamReader r = SafeXml.open(file);
    try {
      return new DatastreamStructure(r).scan();
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

  private @Nullable String scan() throws XMLStreamException {
    while (r.hasNext()) {
      int event = r.next();
      String problem =
          event == XMLStreamConstants.START_ELEMENT
              ? start()
              : event == XMLStreamConstants.END_ELEMENT ? end() : null;
      if (problem != null) {
        return problem;
      }
    }
    for (String href : refs) {
      if (href == null || (href.startsWith("#") && !components.contains(href.substring(1)))) {
        return "component-ref " + href + " points to no component of the collection";
      }
    }
    return null;
  }

  private @Nullable String start() {
    depth++;
    String name = datastream() ? r.getLocalName() : null;
    if ("data-stream".equals(name)) {
      stream = r.getAttributeValue(null, "id");
      streamDepth = depth;
      last = -1;
      checks = false;
    } else if (stream != null && depth == streamDepth + 1) {
      return child(name);
    } else if ("component".equals(name) || "extended-component".equals(name)) {
      components.add(r.getAttributeValue(null, "id"));
    } else if ("component-ref".equals(name)) {
      refs.add(r.getAttributeValue(XLINK, "href"));
    }
    return null;
  }

  /** A child of a data-stream: in the schema's order, nothing after {@code checks} without it. */
  private @Nullable String child(@Nullable String name) {
    int at = ORDER.indexOf(name);
    if (at < 0 || at <= last || (at > CHECKS && !checks)) {
      return "data-stream "
          + stream
          + ": element '"
          + r.getLocalName()
          + "' is not expected here; expected is "
          + expected();
    }
    last = at;
    checks |= at == CHECKS;
    return null;
  }

  private @Nullable String end() {
    String problem = null;
    if (depth == streamDepth) {
      problem =
          checks ? null : "data-stream " + stream + " has no 'checks' element, which is required";
      stream = null;
      streamDepth = -1;
    }
    depth--;
    return problem;
  }

  private String expected() {
    List<String> next =
        checks ? ORDER.subList(last + 1, ORDER.size()) : ORDER.subList(last + 1, CHECKS + 1);
    return next.isEmpty() ? "the end of the data-stream" : "(" + String.join(", ", next) + ")";
  }

  private boolean datastream() {
    String ns = r.getNamespaceURI();
    return "http://scap.nist.gov/schema/scap/source/1.2".equals(ns)
        || "http://scap.nist.gov/schema/scap/source/1.3".equals(ns);
  }
}
