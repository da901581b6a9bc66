package dev.vigil.scap.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads a source {@code ds:data-stream-collection}: stream ids, checklist component refs and the
 * benchmarks inside components, joined at the end since components may come in any order.
 */
final class DatastreamReader {
  private final XMLStreamReader r;
  private final List<String> streamIds = new ArrayList<>();
  private final List<Ref> checklistRefs = new ArrayList<>();
  private final Map<String, BenchmarkInfo> benchmarksByComponent = new HashMap<>();

  private @Nullable String stream;
  private @Nullable String component;
  private boolean inChecklists;

  /** A checklist {@code ds:component-ref}: its stream, its id and the component it points to. */
  private record Ref(String streamId, String refId, String componentId) {}

  private DatastreamReader(XMLStreamReader reader) {
    this.r = reader;
  }

  /** Reads the collection the reader is positioned on, to the end of the document. */
  static ContentFile read(XMLStreamReader reader, String path) throws XMLStreamException {
    return new DatastreamReader(reader).readCollection(path);
  }

  private ContentFile readCollection(String path) throws XMLStreamException {
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        start();
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        end();
      }
    }
    List<ChecklistInfo> checklists = new ArrayList<>();
    for (Ref ref : checklistRefs) {
      BenchmarkInfo b = benchmarksByComponent.get(ref.componentId());
      if (b != null) {
        checklists.add(new ChecklistInfo(ref.streamId(), ref.refId(), b));
      }
    }
    return new ContentFile(
        path, FileKind.SOURCE_DATASTREAM, List.copyOf(streamIds), List.copyOf(checklists));
  }

  private void start() throws XMLStreamException {
    String ns = r.getNamespaceURI();
    String name = r.getLocalName();
    if (Ns.isDatastream(ns)) {
      switch (name) {
        case "data-stream" -> {
          stream = r.getAttributeValue(null, "id");
          // a data-stream without its required id is not named (List.copyOf takes no null)
          if (stream != null) {
            streamIds.add(stream);
          }
        }
        case "checklists" -> inChecklists = stream != null;
        case "component-ref" -> checklistRef();
        case "component" -> component = r.getAttributeValue(null, "id");
        default -> {}
      }
    } else if (component != null && Ns.isXccdf(ns) && name.equals("Benchmark")) {
      benchmarksByComponent.putIfAbsent(component, BenchmarkReader.read(r));
    }
  }

  private void end() {
    if (!Ns.isDatastream(r.getNamespaceURI())) {
      return;
    }
    switch (r.getLocalName()) {
      case "data-stream" -> stream = null;
      case "checklists" -> inChecklists = false;
      case "component" -> component = null;
      default -> {}
    }
  }

  private void checklistRef() {
    String href = r.getAttributeValue(Ns.XLINK, "href");
    String id = r.getAttributeValue(null, "id");
    // inChecklists only inside a data-stream with an id; a ref without its required id cannot be
    // named to oscap (--xccdf-id), and a null one would read as a standalone benchmark
    if (inChecklists && stream != null && id != null && href != null && href.startsWith("#")) {
      checklistRefs.add(new Ref(stream, id, href.substring(1)));
    }
  }
}
