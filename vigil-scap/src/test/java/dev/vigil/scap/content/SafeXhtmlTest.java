package dev.vigil.scap.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The XHTML sanitiser keeps a short allow-list of markup and turns everything else inert. */
class SafeXhtmlTest {

  @Test
  void keepsAllowedMarkupWithoutAttributes() throws Exception {
    String out =
        SafeXhtml.sanitize(
            "Run <html:code class=\"x\">ls</html:code>:<html:br/><html:pre>a &lt; b</html:pre>"
                + "<html:ul><html:li><html:em>one</html:em></html:li><html:li><html:b>two</html:b>"
                + "</html:li></html:ul><html:table><html:tbody><html:tr><html:td style=\"x\">c"
                + "</html:td></html:tr></html:tbody></html:table>");
    assertThat(out)
        .isEqualTo(
            "Run <code>ls</code>:<br><pre>a &lt; b</pre><ul><li><em>one</em></li><li><b>two</b>"
                + "</li></ul><table><tbody><tr><td>c</td></tr></tbody></table>");
  }

  @Test
  void headingsBecomeStrong() throws Exception {
    assertThat(SafeXhtml.sanitize("<xhtml:h1>Big</xhtml:h1><html:h6>small</html:h6>"))
        .isEqualTo("<strong>Big</strong><strong>small</strong>");
  }

  @Test
  void dropsScriptStyleIframeObjectWithTheirContent() throws Exception {
    String out =
        SafeXhtml.sanitize(
            "a<html:script>window.top.pwned=1</html:script>b<html:style>body{}</html:style>"
                + "c<html:iframe src=\"https://e.invalid\">x</html:iframe>d<html:object data=\"x\">"
                + "<html:p>inside</html:p></html:object>e<html:svg><html:script>1</html:script>"
                + "</html:svg>f");
    assertThat(out).isEqualTo("abcdef");
  }

  @Test
  void dropsEventHandlersAndEveryOtherAttribute() throws Exception {
    String out =
        SafeXhtml.sanitize(
            "<html:p onclick=\"alert(1)\" id=\"x\" style=\"background:url(javascript:x)\">t</html:p>"
                + "<html:img src=\"x\" onerror=\"window.top.pwned=1\"/>"
                + "<html:b onmouseover=\"x\">b</html:b>");
    assertThat(out).isEqualTo("<p>t</p><b>b</b>");
    assertThat(out).doesNotContain("on", "img", "style");
  }

  @Test
  void linksKeepOnlyHttpAndHttpsWithSafeRel() throws Exception {
    assertThat(SafeXhtml.sanitize("<html:a href=\"https://ex.org/a?b=1&amp;c=2\">x</html:a>"))
        .isEqualTo(
            "<a href=\"https://ex.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow\">"
                + "x</a>");
    for (String bad :
        new String[] {
          "javascript:alert(1)",
          " JavaScript:alert(1)",
          "java&#9;script:alert(1)",
          "data:text/html,<script>x</script>".replace("<", "&lt;"),
          "vbscript:x",
          "//evil.example/x",
          "/relative",
          "https://ex.org/a b",
          "http:no-host",
          "file:///etc/passwd",
          "https://ex.org/&quot;onmouseover=&quot;x"
        }) {
      assertThat(SafeXhtml.sanitize("<html:a href=\"" + bad + "\" target=\"_top\">t</html:a>"))
          .as(bad)
          .isEqualTo("t");
    }
  }

  @Test
  void unknownAndForeignElementsKeepOnlyTheirTextEscaped() throws Exception {
    String out =
        SafeXhtml.sanitize(
            "<html:div><html:span>a</html:span></html:div><p>xccdf-ns p</p>"
                + "<foo:bar xmlns:foo=\"urn:x\">&lt;script&gt;alert(1)&lt;/script&gt;</foo:bar>"
                + "<html:form action=\"x\"><html:input/>gone</html:form>");
    assertThat(out).isEqualTo("axccdf-ns p&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void textIsEscapedIncludingQuotesAndCdata() throws Exception {
    assertThat(SafeXhtml.sanitize("\"'&amp;<![CDATA[<img src=x onerror=alert(1)>]]>"))
        .isEqualTo("&quot;&#39;&amp;&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void commentsAndProcessingInstructionsAreDropped() throws Exception {
    assertThat(SafeXhtml.sanitize("a<!-- <script>x</script> -->b<?php echo 1 ?>c"))
        .isEqualTo("abc");
  }

  @Test
  void subShowsItsIdrefWhenNoValueIsKnownAndMarkersInTextAreNeutralised() throws Exception {
    assertThat(SafeXhtml.sanitize("v=<xccdf:sub idref=\"xccdf_x_value_v\" use=\"legacy\"/>."))
        .isEqualTo("v=[xccdf_x_value_v].");
    assertThat(SafeXhtml.sanitize("<sub idref=\"bad&quot;&lt;id\"/>x")).isEqualTo("x");
    assertThat(SafeXhtml.sanitize("\uE000xccdf_x\uE001")).isEqualTo("\uFFFDxccdf_x\uFFFD");
  }

  @Test
  void nestingStaysBalancedWhenTagsAreDroppedInside() throws Exception {
    String out =
        SafeXhtml.sanitize(
            "<html:p><html:script><html:p>x</html:p></html:script><html:em>e<html:div>d</html:div>"
                + "</html:em></html:p><html:br>text in br</html:br>");
    assertThat(out).isEqualTo("<p><em>ed</em></p><br>text in br");
  }

  @Test
  void veryLongTextIsCutButTagsStayClosed() throws Exception {
    String out =
        SafeXhtml.sanitize("<html:p>" + "a".repeat(SafeXhtml.MAX_CHARS + 10) + "</html:p>");
    assertThat(out).startsWith("<p>aaa").endsWith("a…</p>");
    assertThat(out.length()).isEqualTo(SafeXhtml.MAX_CHARS + "<p>…</p>".length());
  }

  @Test
  void entitiesAndDoctypesAreRefused() {
    assertThatThrownBy(() -> SafeXhtml.sanitize("a&xxe;b"))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("entity reference");
    assertThatThrownBy(() -> SafeXhtml.sanitize("a<!DOCTYPE x>b"))
        .isInstanceOf(ScapContentException.class);
  }
}
