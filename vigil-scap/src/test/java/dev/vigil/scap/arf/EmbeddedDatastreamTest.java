package dev.vigil.scap.arf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scap.arf.EmbeddedDatastream.Span;
import dev.vigil.scap.content.ScapContentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locating the datastream oscap embeds in an ARF, on oscap's own ARF and on hand-made files. */
class EmbeddedDatastreamTest {

  private static final Path ARF =
      Path.of("src/test/resources/dev/vigil/scap/arf/nine-results-arf.xml");
  private static final Path RESULTS =
      Path.of("src/test/resources/dev/vigil/scap/arf/nine-results-results.xml");

  @TempDir Path dir;

  @Test
  void findsTheWholeDatastreamCollectionInOscapsArf() throws Exception {
    Span span = EmbeddedDatastream.locate(ARF).orElseThrow();
    String text = slice(ARF, span);
    assertThat(text).startsWith("<ds:data-stream-collection ");
    assertThat(text).endsWith("</ds:data-stream-collection>");
    assertThat(text.indexOf("<ds:data-stream-collection", 1)).isNegative();
    // what is left around it is the rest of the ARF, results included
    String all = Files.readString(ARF);
    assertThat(all.substring(0, (int) span.start())).endsWith("<arf:content>\n        ");
    assertThat(all.substring((int) span.end())).contains("TestResult");
  }

  @Test
  void findsNothingInAnXccdfResultsFile() throws Exception {
    assertThat(EmbeddedDatastream.locate(RESULTS)).isEmpty();
  }

  @Test
  void isNotMisledByMarkupInCommentsCdataAndAttributeValues() throws Exception {
    String ds =
        "<ds:data-stream-collection xmlns:ds='urn:ds' note='a > b </ds:data-stream-collection>'>"
            + "<!-- </ds:data-stream-collection> --><x><![CDATA[</ds:data-stream-collection>]]></x>"
            + "<?pi </ds:data-stream-collection>?><ds:data-stream-collection/>"
            + "</ds:data-stream-collection>";
    Path arf = write(arf(ds));
    Span span = EmbeddedDatastream.locate(arf).orElseThrow();
    assertThat(slice(arf, span)).isEqualTo(ds);
  }

  @Test
  void ignoresADatastreamOutsideTheReportRequestContent() throws Exception {
    Path arf =
        write(
            "<arf:asset-report-collection xmlns:arf='urn:arf'><arf:reports><arf:content>"
                + "<ds:data-stream-collection xmlns:ds='urn:ds'/></arf:content></arf:reports>"
                + "</arf:asset-report-collection>");
    assertThat(EmbeddedDatastream.locate(arf)).isEmpty();
  }

  @Test
  void refusesADoctype() throws Exception {
    Path arf = write("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'boom'>]>" + arf("<a/>"));
    assertThatThrownBy(() -> EmbeddedDatastream.locate(arf))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("declares a DOCTYPE");
  }

  @Test
  void refusesATruncatedFileAndMismatchedTags() throws Exception {
    String whole =
        arf("<ds:data-stream-collection xmlns:ds='urn:ds'><a/></ds:data-stream-collection>");
    Path cut = write(whole.substring(0, whole.length() / 2));
    assertThatThrownBy(() -> EmbeddedDatastream.locate(cut))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("truncated");
    Path crossed = write(whole.replace("<a/>", "<a></b>"));
    assertThatThrownBy(() -> EmbeddedDatastream.locate(crossed))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("</b> closes <a>");
    Path none = write("just text");
    assertThatThrownBy(() -> EmbeddedDatastream.locate(none))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("holds no XML element");
  }

  private static String arf(String content) {
    return "<arf:asset-report-collection xmlns:arf='urn:arf'><arf:report-requests>"
        + "<arf:report-request id='r'><arf:content>"
        + content
        + "</arf:content></arf:report-request></arf:report-requests>"
        + "</arf:asset-report-collection>\n";
  }

  private Path write(String text) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "arf", ".xml"), text);
  }

  private static String slice(Path file, Span span) throws Exception {
    byte[] all = Files.readAllBytes(file);
    return new String(
        Arrays.copyOfRange(all, (int) span.start(), (int) span.end()), StandardCharsets.UTF_8);
  }
}
