package dev.vigil.scap.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken files fail with a reason a user can read, and never leak local files. */
class HostileContentTest {
  private static final String DOCTYPE = "DOCTYPE declarations are not allowed";
  private static final String PASSWD_MARKER = "root:x:0:0";

  private final ContentIndexer indexer = new ContentIndexer();

  @TempDir Path dir;

  @Test
  void rejectsDoctypeWithExternalEntity() throws Exception {
    Path file =
        write(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<r>&x;</r>");

    assertFailure(file).hasMessageContaining(DOCTYPE).hasMessageContaining("XXE");
  }

  @Test
  void rejectsParameterEntityReadingLocalFile() throws Exception {
    Path file = write("<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n<r>x</r>");

    assertFailure(file).hasMessageContaining(DOCTYPE);
  }

  @Test
  void rejectsExternalDtdWithoutFetchingIt() throws Exception {
    Path file = write("<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<r/>");

    assertFailure(file).hasMessageContaining(DOCTYPE);
  }

  @Test
  void rejectsBillionLaughs() throws Exception {
    StringBuilder sb = new StringBuilder("<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      sb.append("<!ENTITY lol").append(i).append(" \"");
      sb.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    Path file = write(sb.append("]>\n<lolz>&lol9;</lolz>").toString());

    assertFailure(file).hasMessageContaining(DOCTYPE);
  }

  @Test
  void rejectsQuadraticBlowup() throws Exception {
    String big = "x".repeat(100_000);
    Path file =
        write("<!DOCTYPE r [<!ENTITY a \"" + big + "\">]>\n<r>" + "&a;".repeat(100_000) + "</r>");

    assertFailure(file).hasMessageContaining(DOCTYPE);
  }

  @Test
  void rejectsInternalEntityDeclaredAfterAnAllowedAmountOfPredefinedReferences() throws Exception {
    Path file =
        write(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e \"expanded\">]>\n<r>"
                + "&lt;&gt;&amp;".repeat(100_000)
                + "&e;</r>");

    assertFailure(file).hasMessageContaining(DOCTYPE);
  }

  @Test
  void rejectsDtdHeavyInternalSubsetQuickly() throws Exception {
    StringBuilder sb = new StringBuilder("<!DOCTYPE r [\n");
    for (int i = 0; i < 20_000; i++) {
      sb.append("<!ELEMENT e").append(i).append(" (#PCDATA)>\n");
      sb.append("<!ENTITY ent").append(i).append(" \"").append("x".repeat(40)).append("\">\n");
    }
    Path file = write(sb.append("]>\n<r>&ent1;</r>").toString());
    long start = System.nanoTime();

    assertFailure(file).hasMessageContaining(DOCTYPE);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void rejectsMalformedXmlNamingTheLine() throws Exception {
    Path file = write("<?xml version=\"1.0\"?>\n<a>\n  <b>\n</a>\n");

    assertFailure(file).hasMessageStartingWith("not well-formed XML at line 4:");
  }

  @Test
  void rejectsUndeclaredEntityReference() throws Exception {
    Path file = write("<r>\n&undeclared;</r>");

    assertFailure(file).hasMessage("entity reference &undeclared; at line 2 is not allowed");
  }

  @Test
  void rejectsBinaryFile() throws Exception {
    Path file = dir.resolve("blob.xml");
    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3});

    assertFailure(file).hasMessage("not an XML file: it contains binary data");
  }

  @Test
  void rejectsPlainTextFile() throws Exception {
    Path file = write("just some text, not markup\n");

    assertFailure(file).hasMessageStartingWith("not well-formed XML at line 1:");
  }

  @Test
  void rejectsEmptyFile() throws Exception {
    assertFailure(write("")).hasMessage("not an XML file: the file is empty");
  }

  @Test
  void rejectsElementDepthBomb() throws Exception {
    Path file = write("<a>".repeat(100_000) + "</a>".repeat(100_000));

    assertFailure(file).hasMessage("element nesting deeper than 256");
  }

  @Test
  void rejectsDepthBombInsideDatastream() throws Exception {
    Path file =
        write(
            "<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/schema/scap/source/1.2\">"
                + "<x>".repeat(1000)
                + "</x>".repeat(1000)
                + "</ds:data-stream-collection>");

    assertFailure(file).hasMessage("element nesting deeper than 256");
  }

  @Test
  void indexesXmlThatIsNotScapAsOtherXml() throws Exception {
    Path file = write("<?xml version=\"1.0\"?>\n<project><name>not scap</name></project>");

    ContentFile result = indexer.index(file, "pom.xml");

    assertThat(result)
        .isEqualTo(
            new ContentFile(
                "pom.xml", FileKind.OTHER_XML, java.util.List.of(), java.util.List.of()));
  }

  @Test
  void doesNotFollowXInclude() throws Exception {
    Path file =
        write(
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></r>");

    ContentFile result = indexer.index(file, "r.xml");

    assertThat(result.kind()).isEqualTo(FileKind.OTHER_XML);
    assertThat(result.toString()).doesNotContain(PASSWD_MARKER);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFailure(Path file) {
    Throwable thrown = catchThrowable(() -> indexer.index(file, "hostile.xml"));
    StringWriter trace = new StringWriter();
    if (thrown != null) {
      thrown.printStackTrace(new PrintWriter(trace));
    }
    assertThat(trace.toString()).doesNotContain(PASSWD_MARKER);
    return assertThat(thrown).isInstanceOf(ScapContentException.class);
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "content", ".xml");
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
