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
