package dev.vigil.scap.xml;

import dev.vigil.scap.content.ScapContentException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Hardened StAX parsing for untrusted SCAP content: no DTDs, no entities, no external access, and
 * limits on nesting and sizes, so a hostile file fails with a readable reason instead of leaking
 * files or exhausting memory.
 */
public final class SafeXml {

  /** Deepest element nesting accepted; SSG datastreams nest about 25 levels. */
  public static final int MAX_ELEMENT_DEPTH = 256;

  private static final int SNIFF_BYTES = 512;
  private static final String JDK = "jdk.xml.";

  private SafeXml() {}

  /** A namespace-aware factory with DTDs, entities and external access switched off. */
  public static XMLInputFactory newInputFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXMLResolver(
        (publicId, systemId, baseUri, ns) -> {
          throw new XMLStreamException("external resource refused: " + systemId);
        });
    setIfSupported(f, "http://java.sun.com/xml/stream/properties/ignore-external-dtd", true);
    // Defence in depth only: a DOCTYPE is refused before any entity could be declared, so the only
    // entities a document can use are the five predefined ones. The JDK counts every predefined
    // reference (&lt; &gt; &amp;) toward maxGeneralEntitySizeLimit and totalEntitySizeLimit for
    // the whole document, which refuses real datastreams and ARFs by their amount of text: both
    // are unlimited (0). Declared entities stay refused with the DOCTYPE.
    setIfSupported(f, JDK + "entityExpansionLimit", "1000");
    setIfSupported(f, JDK + "maxGeneralEntitySizeLimit", "0");
    setIfSupported(f, JDK + "maxParameterEntitySizeLimit", "65536");
    setIfSupported(f, JDK + "totalEntitySizeLimit", "0");
    setIfSupported(f, JDK + "entityReplacementLimit", "100000");
    setIfSupported(f, JDK + "maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH + 1));
    setIfSupported(f, JDK + "elementAttributeLimit", "1000");
    setIfSupported(f, JDK + "maxXMLNameLimit", "1000");
    return f;
  }

  /**
   * Opens a file for hardened streaming; the returned reader also rejects any DOCTYPE and nesting
   * deeper than {@link #MAX_ELEMENT_DEPTH} with a readable {@link XMLStreamException}.
   *
   * @throws ScapContentException when the file cannot be read or plainly is not XML
   */
  public static XMLStreamReader open(Path file, XMLInputFactory factory)
      throws ScapContentException {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ScapContentException("file not found: " + file, e);
    } catch (IOException e) {
      throw new ScapContentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return open(in, factory, file.toString());
  }

  /**
   * Opens a stream for hardened streaming, with the same refusals as {@link #open(Path,
   * XMLInputFactory)}; closing the returned reader closes the stream, and so does a failure here.
   *
   * @param name what the stream is, for messages
   * @throws ScapContentException when the stream cannot be read or plainly is not XML
   */
  public static XMLStreamReader open(InputStream stream, XMLInputFactory factory, String name)
      throws ScapContentException {
    InputStream in = new BufferedInputStream(stream, 1 << 16);
    try {
      boolean utf8 = sniff(in);
      XMLStreamReader reader =
          utf8
              ? factory.createXMLStreamReader(
                  new java.io.InputStreamReader(
                      in, java.nio.charset.StandardCharsets.UTF_8.newDecoder()))
              : factory.createXMLStreamReader(in);
      return new GuardedReader(reader, in, MAX_ELEMENT_DEPTH);
    } catch (IOException e) {
      closeQuietly(in);
      throw new ScapContentException("cannot read " + name + ": " + e.getMessage(), e);
    } catch (XMLStreamException e) {
      closeQuietly(in);
      throw failure(e);
    } catch (ScapContentException e) {
      closeQuietly(in);
      throw e;
    }
  }

  /** Opens a file with a fresh {@link #newInputFactory()}. */
  public static XMLStreamReader open(Path file) throws ScapContentException {
    return open(file, newInputFactory());
  }

  /** Turns a parser failure into an exception whose message a user can read. */
  public static ScapContentException failure(XMLStreamException e) {
    if (e instanceof GuardedReader.RefusedException refused) {
      return new ScapContentException(refused.getMessage(), e);
    }
    Location loc = e.getLocation();
    String where = loc == null || loc.getLineNumber() < 0 ? "" : " at line " + loc.getLineNumber();
    return new ScapContentException("not well-formed XML" + where + ": " + reason(e), e);
  }

  private static String reason(XMLStreamException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.charset.CharacterCodingException) {
        return "bytes that are not UTF-8, the encoding the document declares";
      }
    }
    String msg = e.getMessage() == null ? "" : e.getMessage();
    int i = msg.indexOf("Message: ");
    msg = i >= 0 ? msg.substring(i + "Message: ".length()) : msg;
    if (msg.isBlank() && e.getNestedException() != null) {
      msg = String.valueOf(e.getNestedException().getMessage());
    }
    if (msg.contains("JAXP0008") || msg.contains("maxElementDepth")) {
      return "element nesting deeper than " + MAX_ELEMENT_DEPTH;
    }
    return msg.strip();
  }

  /** Refuses empty and binary files before the parser sees them, with a clearer message. */
  private static boolean sniff(InputStream in) throws IOException, ScapContentException {
    in.mark(SNIFF_BYTES);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    if (head.length == 0) {
      throw new ScapContentException("not an XML file: the file is empty");
    }
    boolean utf16 = (head[0] == (byte) 0xFE || head[0] == (byte) 0xFF) && head.length > 1;
    for (byte b : head) {
      if (b == 0 && !utf16) {
        throw new ScapContentException("not an XML file: it contains binary data");
      }
    }
    return declaresUtf8(head);
  }

  private static final java.util.regex.Pattern ENCODING =
      java.util.regex.Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

  /**
   * Whether the document is UTF-8 by its first bytes: no byte order mark, and an XML declaration
   * naming UTF-8 or no encoding (then UTF-8 by the XML specification). Such a document is decoded
   * by the JDK's UTF-8 decoder (malformed bytes reported, never replaced), which costs about half
   * of the parser's own decoder on an oscap ARF; any other goes to the parser as bytes, and it
   * finds the encoding itself.
   */
  static boolean declaresUtf8(byte[] head) {
    String prolog = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!prolog.startsWith("<")) {
      return false;
    }
    if (!prolog.startsWith("<?xml")) {
      return true;
    }
    int end = prolog.indexOf("?>");
    if (end < 0) {
      return false;
    }
    java.util.regex.Matcher m = ENCODING.matcher(prolog.substring(0, end));
    return !m.find() || m.group(1).equalsIgnoreCase("UTF-8") || m.group(1).equalsIgnoreCase("UTF8");
  }

  private static void setIfSupported(XMLInputFactory f, String name, Object value) {
    if (f.isPropertySupported(name)) {
      f.setProperty(name, value);
    }
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }
}
