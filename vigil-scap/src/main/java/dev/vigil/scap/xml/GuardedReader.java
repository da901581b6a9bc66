package dev.vigil.scap.xml;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/** A reader that fails on a DOCTYPE or too deep nesting, and closes the file it reads. */
final class GuardedReader extends StreamReaderDelegate {

  static final String DOCTYPE_REFUSED =
      "DOCTYPE declarations are not allowed (possible XXE or entity expansion attack)";

  private final InputStream in;
  private final int maxDepth;
  private int depth;

  GuardedReader(XMLStreamReader reader, InputStream in, int maxDepth) throws XMLStreamException {
    super(reader);
    this.in = in;
    this.maxDepth = maxDepth;
    check(reader.getEventType());
  }

  @Override
  public int next() throws XMLStreamException {
    int event = super.next();
    check(event);
    return event;
  }

  @Override
  public int nextTag() throws XMLStreamException {
    int event = next();
    while (isIgnorable(event)) {
      event = next();
    }
    if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
      throw new XMLStreamException("expected a start or end tag", getLocation());
    }
    return event;
  }

  private boolean isIgnorable(int event) {
    return switch (event) {
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> isWhiteSpace();
      case XMLStreamConstants.SPACE,
          XMLStreamConstants.COMMENT,
          XMLStreamConstants.PROCESSING_INSTRUCTION ->
          true;
      default -> false;
    };
  }

  @Override
  public String getElementText() throws XMLStreamException {
    String text = super.getElementText();
    depth--;
    return text;
  }

  private void check(int event) throws XMLStreamException {
    switch (event) {
      case XMLStreamConstants.START_ELEMENT -> {
        if (++depth > maxDepth) {
          throw new RefusedException("element nesting deeper than " + maxDepth, this);
        }
      }
      case XMLStreamConstants.END_ELEMENT -> depth--;
      case XMLStreamConstants.DTD -> throw new RefusedException(DOCTYPE_REFUSED, this);
      case XMLStreamConstants.ENTITY_REFERENCE ->
          throw new RefusedException(
              "entity reference &" + getLocalName() + "; at line " + line() + " is not allowed",
              this);
      default -> {}
    }
  }

  private int line() {
    return getLocation() == null ? -1 : getLocation().getLineNumber();
  }

  @Override
  public void close() throws XMLStreamException {
    // the input is closed either way; its failure no longer hides the reader's (Error Prone:
    // Finally)
    try (in) {
      super.close();
    } catch (IOException e) {
      throw new XMLStreamException("cannot close input", e);
    }
  }

  /** A refusal whose message is already meant for users. */
  static final class RefusedException extends XMLStreamException {
    RefusedException(String message, XMLStreamReader at) {
      super(message, at.getLocation());
    }

    @Override
    public String getMessage() {
      String message = super.getMessage(); // never null: XMLStreamException adds the location
      return message == null
          ? ""
          : message.replaceFirst("(?s)^ParseError at \\[.*?\\]\\s*Message: ", "");
    }
  }
}
