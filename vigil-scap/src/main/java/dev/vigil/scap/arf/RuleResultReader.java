package dev.vigil.scap.arf;

import dev.vigil.scap.content.ScapContentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/** Reads one XCCDF {@code rule-result} element; the rule's title is joined in later. */
final class RuleResultReader {
  private final List<Ident> idents = new ArrayList<>();
  private @Nullable ResultType result;
  private @Nullable String checkSystem;
  private @Nullable String checkRef;

  private RuleResultReader() {}

  /**
   * A rule result as its rule-result element has it, before the rule's title and severity are
   * joined in.
   */
  record Unjoined(
      String ruleId,
      ResultType result,
      @Nullable String severity,
      @Nullable String weight,
      @Nullable Instant time,
      List<Ident> idents,
      @Nullable String checkSystem,
      @Nullable String checkRef) {

    /** This result with the title and, unless it has its own, the severity of its rule. */
    RuleResult joinedWith(@Nullable String ruleTitle, @Nullable String ruleSeverity) {
      String sev = severity != null ? severity : ruleSeverity;
      return new RuleResult(
          ruleId,
          result,
          sev == null ? "unknown" : sev,
          weight,
          time,
          idents,
          checkSystem,
          checkRef,
          ruleTitle);
    }
  }

  /** Reads from the rule-result's START_ELEMENT to its END_ELEMENT. */
  static Unjoined read(XMLStreamReader r) throws XMLStreamException, ScapContentException {
    String ruleId = Xml.attr(r, "idref");
    if (ruleId == null) {
      // idref is required, and a rule result without one could not be stored (rule_id not null)
      throw new ScapContentException("rule-result without an idref");
    }
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
    return new Unjoined(
        ruleId,
        rr.result,
        severity,
        weight,
        Xml.instant(time, "rule-result for " + ruleId),
        rr.idents,
        rr.checkSystem,
        rr.checkRef);
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
