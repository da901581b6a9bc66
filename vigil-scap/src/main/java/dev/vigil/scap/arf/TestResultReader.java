package dev.vigil.scap.arf;

import dev.vigil.scap.content.ScapContentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/** Reads one XCCDF {@code TestResult} element and, with the benchmark's rules, makes the report. */
final class TestResultReader {
  private static final String DEFAULT_SCORING = "urn:xccdf:scoring:default";

  private final List<String> addresses = new ArrayList<>();
  private final Map<String, String> facts = new LinkedHashMap<>();
  private final List<String> platforms = new ArrayList<>();
  private final List<RuleResultReader.Unjoined> ruleResults = new ArrayList<>();
  private final List<Score> scores = new ArrayList<>();
  private @Nullable String id;
  private @Nullable String version;
  private @Nullable Instant start;
  private @Nullable Instant end;
  private @Nullable String benchmarkId;
  private @Nullable String profileId;
  private @Nullable String target;
  private @Nullable String identity;
  private @Nullable Boolean privileged;

  private TestResultReader() {}

  /** Reads from the TestResult's START_ELEMENT to its END_ELEMENT. */
  static TestResultReader read(XMLStreamReader r) throws XMLStreamException, ScapContentException {
    TestResultReader t = new TestResultReader();
    t.id = Xml.attr(r, "id");
    t.version = Xml.attr(r, "version");
    t.start = Xml.instant(Xml.attr(r, "start-time"), "TestResult start-time");
    t.end = Xml.instant(Xml.attr(r, "end-time"), "TestResult end-time");
    while (Xml.nextChild(r)) {
      if (Xml.isXccdf(r.getNamespaceURI())) {
        t.child(r);
      } else {
        Xml.skip(r);
      }
    }
    return t;
  }

  private void child(XMLStreamReader r) throws XMLStreamException, ScapContentException {
    switch (r.getLocalName()) {
      case "rule-result" -> ruleResults.add(RuleResultReader.read(r));
      case "benchmark" -> benchmarkId = attrThenSkip(r, "id");
      case "profile" -> profileId = attrThenSkip(r, "idref");
      case "platform" -> platforms.add(attrThenSkip(r, "idref"));
      case "target" -> target = Xml.text(r);
      case "target-address" -> addresses.add(Xml.text(r));
      case "target-facts" -> facts(r);
      case "identity" -> {
        String p = Xml.attr(r, "privileged");
        privileged = p == null ? null : Boolean.valueOf("true".equals(p) || "1".equals(p));
        identity = Xml.text(r);
      }
      case "score" -> scores.add(score(r));
      default -> Xml.skip(r);
    }
  }

  private void facts(XMLStreamReader r) throws XMLStreamException {
    while (Xml.nextChild(r)) {
      if (Xml.is(r, "fact")) {
        String name = Xml.attr(r, "name");
        String value = Xml.text(r);
        if (name != null) {
          facts.putIfAbsent(name, value);
        }
      } else {
        Xml.skip(r);
      }
    }
  }

  private static Score score(XMLStreamReader r) throws XMLStreamException, ScapContentException {
    String system = Xml.attr(r, "system");
    String max = Xml.attr(r, "maximum");
    double maximum = max == null ? 100.0 : Xml.number(max, "score maximum");
    double value = Xml.number(Xml.text(r), "score");
    return new Score(system == null ? DEFAULT_SCORING : system, value, maximum);
  }

  private static @Nullable String attrThenSkip(XMLStreamReader r, String name)
      throws XMLStreamException {
    String value = Xml.attr(r, name);
    Xml.skip(r);
    return value;
  }

  /** The report, with titles and severities from the rules; fallbacks from the Benchmark seen. */
  ScanReport toReport(
      BenchmarkRules rules,
      @Nullable String fallbackBenchmarkId,
      @Nullable String fallbackVersion) {
    List<RuleResult> joined = new ArrayList<>(ruleResults.size());
    for (RuleResultReader.Unjoined rr : ruleResults) {
      BenchmarkRules.Info info = rules.get(rr.ruleId());
      joined.add(rr.joinedWith(info.title(), info.severity()));
    }
    Map<ResultType, Integer> counts = Tally.counts(joined);
    return new ScanReport(
        benchmarkId != null ? benchmarkId : fallbackBenchmarkId,
        version != null ? version : fallbackVersion,
        profileId,
        id,
        start,
        end,
        target,
        addresses,
        facts,
        identity,
        privileged,
        platforms,
        joined,
        scores,
        counts,
        Tally.notApplicable(counts),
        Tally.summary(counts));
  }
}
