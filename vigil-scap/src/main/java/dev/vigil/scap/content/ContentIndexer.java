package dev.vigil.scap.content;

import dev.vigil.scap.xml.SafeXml;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Indexes SCAP content files with one streaming pass each. Thread-safe and reusable. */
public final class ContentIndexer {
  // StAX does not promise that a factory may be shared across threads; one per thread is cheap.
  private final ThreadLocal<XMLInputFactory> factory =
      ThreadLocal.withInitial(SafeXml::newInputFactory);

  /**
   * Reads one XML file and says what it is and what checklists it carries.
   *
   * @param file the file on disk
   * @param relativePath the path reported in the result
   * @throws ScapContentException when the file is not well-formed XML or breaks a safety limit
   */
  public ContentFile index(Path file, String relativePath) throws ScapContentException {
    XMLStreamReader r = SafeXml.open(file, factory.get());
    try {
      return read(r, relativePath);
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e);
    } finally {
      closeQuietly(r);
    }
  }

  private static ContentFile read(XMLStreamReader r, String path) throws XMLStreamException {
    r.nextTag();
    FileKind kind = Ns.kindOf(r.getNamespaceURI(), r.getLocalName());
    return switch (kind) {
      case SOURCE_DATASTREAM -> DatastreamReader.read(r, path);
      case XCCDF_BENCHMARK -> {
        BenchmarkInfo b = BenchmarkReader.read(r);
        drain(r);
        yield new ContentFile(path, kind, List.of(), List.of(new ChecklistInfo(null, null, b)));
      }
      default -> {
        drain(r);
        yield new ContentFile(path, kind, List.of(), List.of());
      }
    };
  }

  /** Reads to the end so that a malformed or hostile tail still fails. */
  private static void drain(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      if (r.next() == XMLStreamConstants.END_DOCUMENT) {
        return;
      }
    }
  }

  private static void closeQuietly(XMLStreamReader r) {
    try {
      r.close();
    } catch (XMLStreamException ignored) {
      // closing after a failure or twice: nothing more to report
    }
  }
}
