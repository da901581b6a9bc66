package dev.vigil.scap.arf;

import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.xml.SafeXml;
import java.io.InputStream;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads a scan's results into a {@link ScanReport} in one hardened streaming pass, from an ARF
 * ({@code oscap xccdf eval --results-arf}) or an XCCDF results file ({@code --results}: a Benchmark
 * holding a TestResult, or a bare TestResult).
 *
 * <p>Elements are matched by namespace URI (XCCDF 1.2 or 1.1), never by prefix. Rule titles and
 * severities come from any XCCDF Rule in the file, before or after the TestResult. When a file
 * holds several TestResults, the first is read. Safe for concurrent use.
 */
public final class ArfReader {
  private final ThreadLocal<XMLInputFactory> factory =
      ThreadLocal.withInitial(SafeXml::newInputFactory);

  /**
   * Reads an ARF or XCCDF results file.
   *
   * @throws ScapContentException when the file cannot be read, is not well-formed or hostile XML,
   *     holds no TestResult, or holds a value that is not what XCCDF allows
   */
  public ScanReport read(Path file) throws ScapContentException {
    return read(SafeXml.open(file, factory.get()), file.toString());
  }

  /**
   * Reads an ARF or XCCDF results document from a stream, and closes the stream.
   *
   * @throws ScapContentException as {@link #read(Path)} does
   */
  public ScanReport read(InputStream in) throws ScapContentException {
    return read(SafeXml.open(in, factory.get(), "stream"), "stream");
  }

  private static ScanReport read(XMLStreamReader r, String name) throws ScapContentException {
    try {
      return parse(r, name);
    } catch (XMLStreamException e) {
      throw failure(e, name);
    } finally {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // the result, or the failure, is already decided
      }
    }
  }

  /** A parser failure, saying so plainly when the document simply stops (a cut-off download). */
  private static ScapContentException failure(XMLStreamException e, String name) {
    ScapContentException f = SafeXml.failure(e);
    String message = f.getMessage();
    if (message != null && message.contains("must start and end within the same entity")) {
      return new ScapContentException(
          name + " ends before its XML document does (truncated?): " + message, e);
    }
    return f;
  }

  private static ScanReport parse(XMLStreamReader r, String name)
      throws XMLStreamException, ScapContentException {
    BenchmarkRules rules = new BenchmarkRules();
    @Nullable TestResultReader result = null;
    @Nullable String benchmarkId = null;
    @Nullable String version = null;
    boolean wantVersion = false;
    while (r.hasNext()) {
      if (r.next() != XMLStreamConstants.START_ELEMENT || !Xml.isXccdf(r.getNamespaceURI())) {
        continue;
      }
      switch (r.getLocalName()) {
        case "Rule" -> rules.read(r);
        case "TestResult" -> {
          if (result == null) {
            result = TestResultReader.read(r);
          } else {
            Xml.skip(r);
          }
        }
        case "Benchmark" -> {
          benchmarkId = benchmarkId == null ? Xml.attr(r, "id") : benchmarkId;
          wantVersion = version == null;
        }
        // A Benchmark's version is its first child that can hold one.
        case "version" -> {
          if (wantVersion) {
            version = Xml.text(r);
            wantVersion = false;
          }
        }
        default -> {}
      }
    }
    if (result == null) {
      throw new ScapContentException("no XCCDF TestResult found in " + name);
    }
    return result.toReport(rules, benchmarkId, version);
  }
}
