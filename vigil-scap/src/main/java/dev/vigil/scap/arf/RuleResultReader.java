package dev.vigil.scap.arf;

import dev.vigil.scap.content.ScapContentException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads one XCCDF {@code rule-result} element; the rule's title is joined in later. */
final class RuleResultReader {
  private final List<Ident> idents = new ArrayList<>();
  private ResultType result;
  private String checkSystem;
  private String checkRef;

  private RuleResultReader() {}

  /** Reads from the rule-result's START_ELEMENT to its END_ELEMENT. */
  static RuleResult read(XMLStreamReader r) throws XMLStreamException, ScapContentException {
    String ruleId = Xml.attr(r, "idref");
    String severity = Xml.attr(r, "severity");
    String weight = Xml.attr(r, "weight");
    String time = Xml.attr(r, "time");
    RuleResultReader rr = new RuleResultReader();
    while (Xml.nextChild(r)) {
      rr.child(r, ruleId);
    }
    if (rr.result == null) {
      throw new ScapContentException("rule-result for " + ruleId + " has no result");
    }
    return new RuleResult(
        ruleId,
        rr.result,
        severity,
        weight,
        Xml.instant(time, "rule-result for " + ruleId),
        rr.idents,
        rr.checkSystem,
        rr.checkRef,
        null);
  }

  private void child(XMLStreamReader r, String ruleId)
      throws XMLStreamException, ScapContentException {
    if (Xml.is(r, "result")) {
      String text = Xml.text(r);
      try {
        result = ResultType.fromXccdf(text);
      } catch (IllegalArgumentException e) {
        throw new ScapContentException(
            "unknown result '" + text + "' in rule-result for " + ruleId, e);
      }
    } else if (Xml.is(r, "ident")) {
      String system = Xml.attr(r, "system");
      idents.add(new Ident(system, Xml.text(r)));
    } else if (Xml.is(r, "check") && checkSystem == null) {
      check(r);
    } else if (Xml.is(r, "complex-check") && checkSystem == null) {
      while (Xml.nextChild(r)) {
        child(r, ruleId);
      }
    } else {
      Xml.skip(r);
    }
  }

  private void check(XMLStreamReader r) throws XMLStreamException {
    checkSystem = Xml.attr(r, "system");
    while (Xml.nextChild(r)) {
      if (Xml.is(r, "check-content-ref") && checkRef == null) {
        String name = Xml.attr(r, "name");
        checkRef = name != null ? name : Xml.attr(r, "href");
      }
      Xml.skip(r);
    }
  }
}
