package dev.vigil.scap.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scap.content.ScapContentException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hardened factory and reader refuse DTDs, entities and deep nesting. */
class SafeXmlTest {
  @TempDir Path dir;

  @Test
  void factoryTurnsOffDtdsAndEntities() {
    XMLInputFactory f = SafeXml.newInputFactory();

    assertThat(f.getProperty(XMLInputFactory.SUPPORT_DTD)).isEqualTo(false);
    assertThat(f.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES)).isEqualTo(false);
    assertThat(f.getProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES)).isEqualTo(false);
    assertThat(f.getProperty(XMLInputFactory.IS_NAMESPACE_AWARE)).isEqualTo(true);
  }

  @Test
  void readerRejectsDoctypeBeforeTheRootElement() throws Exception {
    Path file = Files.writeString(dir.resolve("a.xml"), "<!DOCTYPE a []>\n<a/>");
    XMLStreamReader r = SafeXml.open(file);

    assertThatThrownBy(r::next)
        .isInstanceOf(XMLStreamException.class)
        .satisfies(
            e ->
                assertThat(SafeXml.failure((XMLStreamException) e))
                    .hasMessage(
                        "DOCTYPE declarations are not allowed"
                            + " (possible XXE or entity expansion attack)"));
    r.close();
  }

  @Test
  void aDocumentIsReadInTheEncodingItDeclaresAndMalformedUtf8IsRefused() throws Exception {
    byte[] latin1 =
        "<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\u00e9</a>"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] utf8 =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>caf\u00e9 \u2713</a>"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] undeclared = "<a>caf\u00e9</a>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    assertThat(text(latin1)).isEqualTo("caf\u00e9");
    assertThat(text(utf8)).isEqualTo("caf\u00e9 \u2713");
    assertThat(text(undeclared)).isEqualTo("caf\u00e9");
    assertThat(text(bom)).isEqualTo("caf\u00e9 \u2713");
    assertThat(SafeXml.declaresUtf8(utf8)).isTrue();
    assertThat(SafeXml.declaresUtf8(undeclared)).isTrue();
    assertThat(SafeXml.declaresUtf8(latin1)).isFalse();
    assertThat(SafeXml.declaresUtf8(bom)).isFalse();

    // a Latin-1 byte in a document that says UTF-8: refused, never turned into a replacement
    byte[] lying =
        "<?xml version='1.0' encoding='UTF-8'?><a>caf\u00e9</a>"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> text(lying))
        .isInstanceOfAny(ScapContentException.class, XMLStreamException.class)
        .satisfies(
            e ->
                assertThat(
                        e instanceof XMLStreamException x
                            ? SafeXml.failure(x).getMessage()
                            : e.getMessage())
                    .isEqualTo(
                        "not well-formed XML: bytes that are not UTF-8, the encoding the document"
                            + " declares"));
  }

  private String text(byte[] document) throws Exception {
    Path file = Files.write(dir.resolve("doc.xml"), document);
    XMLStreamReader r = SafeXml.open(file);
    try {
      r.nextTag();
      return r.getElementText();
    } finally {
      r.close();
    }
  }

  @Test
  void readerPassesOrdinaryDocumentsThrough() throws Exception {
    Path file = Files.writeString(dir.resolve("b.xml"), "<?xml version='1.0'?><a>x &amp; y</a>");
    XMLStreamReader r = SafeXml.open(file);

    assertThat(r.nextTag()).isEqualTo(XMLStreamConstants.START_ELEMENT);
    assertThat(r.getElementText()).isEqualTo("x & y");
    r.close();
  }

  @Test
  void readerPassesAQuarterMillionPredefinedEntityReferences() throws Exception {
    // the JDK counts each &lt; &gt; &amp; toward its entity size limits; past 65,536 it used to
    // refuse the document as not well-formed
    int each = 250_000 / 3 + 1;
    Path file =
        Files.writeString(
            dir.resolve("refs.xml"),
            "<?xml version='1.0'?><a t='&lt;&amp;'><b>"
                + "&lt;&gt;&amp;".repeat(each)
                + "</b></a>");
    XMLStreamReader r = SafeXml.open(file);

    assertThat(r.nextTag()).isEqualTo(XMLStreamConstants.START_ELEMENT);
    assertThat(r.getAttributeValue(null, "t")).isEqualTo("<&");
    assertThat(r.nextTag()).isEqualTo(XMLStreamConstants.START_ELEMENT);
    assertThat(r.getElementText()).isEqualTo("<>&".repeat(each));
    r.close();
  }

  @Test
  void openReportsMissingFile() {
    assertThatThrownBy(() -> SafeXml.open(dir.resolve("missing.xml")))
        .isInstanceOf(ScapContentException.class)
        .hasMessageStartingWith("file not found:");
  }
}
