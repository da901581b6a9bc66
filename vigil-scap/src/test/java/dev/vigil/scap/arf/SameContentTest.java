package dev.vigil.scap.arf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Comparing a datastream with oscap's re-serialised copy of it. */
class SameContentTest {

  @Test
  void
      ignoresIndentationCharacterReferencesAndPrefixesButNotContentIndentationCharacterReferencesAndPrefixes() {
    String original =
        "<?xml version=\"1.0\"?>\n<d:c xmlns:d='urn:ds' id='1'><d:t>H&#xE5;vard &amp; co</d:t>"
            + "<!-- note --><d:e a='x' b='y'/></d:c>\n";
    String copy =
        "<ds:c xmlns:ds=\"urn:ds\" id=\"1\">\n  <ds:t>H\u00e5vard &amp; co</ds:t>\n"
            + "  <ds:e b=\"y\" a=\"x\"/>\n</ds:c>";
    assertThat(SameContent.difference(in(original), in(copy))).isEmpty();
    String changed = copy.replace("co</ds:t>", "co!</ds:t>");
    assertThat(SameContent.difference(in(original), in(changed))).isPresent();
    String extra = copy.replace("<ds:e ", "<ds:f/><ds:e ");
    assertThat(SameContent.difference(in(original), in(extra))).isPresent();
    String attr = copy.replace("a=\"x\"", "a=\"z\"");
    assertThat(SameContent.difference(in(original), in(attr))).isPresent();
    assertThat(SameContent.difference(in(original), in("<!DOCTYPE c []><c/>")))
        .get()
        .asString()
        .contains("unreadable");
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
