package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which downloads are web pages rather than SCAP content. */
class HtmlPagesTest {

  @TempDir Path dir;

  @Test
  void recognisesPagesWithBlanksBomCommentsAndAnyCase() throws IOException {
    assertThat(html("<!DOCTYPE html><html></html>")).isTrue();
    assertThat(html("\uFEFF\n  <!doctype HTML>\n<html>")).isTrue();
    assertThat(html("<!-- served by nginx -->\n<HTML><body>login</body></HTML>")).isTrue();
  }

  @Test
  void leavesXmlAndArchivesAlone() throws IOException {
    assertThat(html("<?xml version=\"1.0\"?><ds:data-stream-collection/>")).isFalse();
    assertThat(html("<!DOCTYPE foo [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><foo/>")).isFalse();
    assertThat(html("<!-- unterminated")).isFalse();
    assertThat(html("PK\u0003\u0004 zip bytes")).isFalse();
    assertThat(HtmlPages.isHtml(dir.resolve("missing"))).isFalse();
  }

  private boolean html(String text) throws IOException {
    Path f = Files.writeString(dir.resolve("f"), text, StandardCharsets.UTF_8);
    return HtmlPages.isHtml(f);
  }
}
