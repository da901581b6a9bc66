package dev.vigil.scap.arf;

import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/** The title and severity of every XCCDF Rule seen in a file, kept compact for the final join. */
final class BenchmarkRules {
  private final Map<String, Info> rules = new HashMap<>();

  /** A rule's title (may be null) and severity (may be null). */
  record Info(@Nullable String title, @Nullable String severity) {}

  /** Reads the Rule at the current START_ELEMENT up to its END_ELEMENT; the first of an id wins. */
  void read(XMLStreamReader r) throws XMLStreamException {
    String id = Xml.attr(r, "id");
    String severity = Xml.attr(r, "severity");
    @Nullable String title = null;
    int rank = Integer.MAX_VALUE;
    while (Xml.nextChild(r)) {
      if (Xml.is(r, "title")) {
        int lang = Xml.langRank(r.getAttributeValue(Xml.XML_NS, "lang"));
        String text = Xml.text(r);
        if (lang < rank) {
          rank = lang;
          title = text;
        }
      } else {
        Xml.skip(r);
      }
    }
    if (id != null) {
      rules.putIfAbsent(id, new Info(title, severity));
    }
  }

  /** The rule's title and severity; both null when the rule was not in the file. */
  Info get(String ruleId) {
    return rules.getOrDefault(ruleId, new Info(null, null));
  }
}
