package dev.vigil.scap.arf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vigil.scap.content.ScapContentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ArfReader on oscap's own output kept as fixtures (oscap 1.3.7 evaluating the nine-results
 * datastream with --remediate: the ARF and the --results file of the same run), and on hand-made
 * and hostile files.
 */
class ArfReaderTest {
  private static final String DOCTYPE = "DOCTYPE declarations are not allowed";

  private final ArfReader reader = new ArfReader();

  @TempDir Path dir;

  @Test
  void countsEachOfTheNineResultsInOscapsArf() throws Exception {
    ScanReport report = reader.read(fixture("nine-results-arf.xml"));

    for (ResultType type : ResultType.values()) {
      assertThat(report.count(type)).as(type.xccdf()).isEqualTo(1);
      assertThat(report.ruleResults())
          .filteredOn(r -> r.result() == type)
          .singleElement()
          .extracting(RuleResult::ruleId)
          .isEqualTo("xccdf_dev.vigil_rule_" + type.xccdf());
    }
    assertThat(report.notApplicable()).isFalse();
    assertThat(report.summary())
        .isEqualTo(
            "1 pass, 1 fail, 1 error, 1 unknown, 1 notapplicable, 1 notchecked, 1 notselected,"
                + " 1 informational, 1 fixed");
  }

  @Test
  void readsTestResultDetailsFromOscapsArf() throws Exception {
    ScanReport report = reader.read(fixture("nine-results-arf.xml"));

    assertThat(report.benchmarkId()).isEqualTo("xccdf_dev.vigil_benchmark_nine-results");
    assertThat(report.benchmarkVersion()).isEqualTo("1.0.0");
    assertThat(report.profileId()).isEqualTo("xccdf_dev.vigil_profile_nine-results");
    assertThat(report.testResultId())
        .isEqualTo("xccdf_org.open-scap_testresult_xccdf_dev.vigil_profile_nine-results");
    assertThat(report.startTime()).isEqualTo(Instant.parse("2026-11-27T07:46:31Z"));
    assertThat(report.endTime()).isEqualTo(Instant.parse("2026-11-27T07:46:31Z"));
    assertThat(report.targetName()).isEqualTo("vm");
    assertThat(report.targetAddresses()).contains("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(report.targetFacts())
        .containsEntry("urn:xccdf:fact:scanner:name", "OpenSCAP")
        .containsEntry("urn:xccdf:fact:asset:identifier:ipv4", "127.0.0.1");
    assertThat(report.identity()).isEqualTo("root");
    assertThat(report.identityPrivileged()).isFalse();
    assertThat(report.scores())
        .containsExactly(new Score("urn:xccdf:scoring:default", 40.0, 100.0));
  }

  @Test
  void joinsRuleTitlesAndKeepsIdentsAndChecks() throws Exception {
    ScanReport report = reader.read(fixture("nine-results-arf.xml"));

    RuleResult fail = rule(report, "xccdf_dev.vigil_rule_fail");
    assertThat(fail.title()).isEqualTo("Always fails");
    assertThat(fail.severity()).isEqualTo("high");
    assertThat(fail.weight()).isEqualTo("1.000000");
    assertThat(fail.time()).isEqualTo(Instant.parse("2026-11-27T07:46:31Z"));
    assertThat(fail.idents())
        .containsExactly(
            new Ident("https://ncp.nist.gov/cce", "CCE-00002-2"),
            new Ident("http://cve.mitre.org", "CVE-0000-0002"));
    assertThat(fail.checkSystem()).isEqualTo("http://open-scap.org/page/SCE");
    assertThat(fail.checkRef()).isEqualTo("fail.sh");
    RuleResult pass = rule(report, "xccdf_dev.vigil_rule_pass");
    assertThat(pass.checkSystem()).isEqualTo("http://oval.mitre.org/XMLSchema/oval-definitions-5");
    assertThat(pass.checkRef()).isEqualTo("oval:dev.vigil:def:1");
    assertThat(rule(report, "xccdf_dev.vigil_rule_notselected").title())
        .isEqualTo("Not selected by the profile");
  }

  @Test
  void readsPlainXccdfResultsFileLikeTheArf() throws Exception {
    ScanReport arf = reader.read(fixture("nine-results-arf.xml"));
    ScanReport results = reader.read(fixture("nine-results-results.xml"));

    assertThat(results.ruleResults()).isEqualTo(arf.ruleResults());
    assertThat(results.counts()).isEqualTo(arf.counts());
    assertThat(results.scores()).isEqualTo(arf.scores());
    assertThat(results.benchmarkId()).isEqualTo(arf.benchmarkId());
  }

  @Test
  void readsFromAStream() throws Exception {
    try (InputStream in = Files.newInputStream(fixture("nine-results-arf.xml"))) {
      assertThat(reader.read(in).count(ResultType.FIXED)).isEqualTo(1);
    }
  }

  @Test
  void matchesNamespacesByUriWithUnusualPrefixesAndBenchmarkAfterTestResult() throws Exception {
    ScanReport report = reader.read(write(HandMade.ARF_WITH_ODD_PREFIXES));

    assertThat(report.benchmarkId()).isEqualTo("xccdf_t_benchmark_b");
    assertThat(report.profileId()).isEqualTo("xccdf_t_profile_p");
    assertThat(report.matchedPlatforms()).containsExactly("cpe:/o:t:os");
    assertThat(report.ruleResults())
        .extracting(RuleResult::ruleId, RuleResult::result, RuleResult::title, RuleResult::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "xccdf_t_rule_a", ResultType.PASS, "Rule A", "high"),
            org.assertj.core.groups.Tuple.tuple(
                "xccdf_t_rule_b", ResultType.FAIL, "Rule B", "low"));
    assertThat(report.targetFacts()).containsEntry("urn:xccdf:fact:x", "first");
    assertThat(report.summary()).isEqualTo("1 pass, 1 fail");
  }

  @Test
  void ignoresXccdfLookalikesInOtherNamespaces() throws Exception {
    ScanReport report = reader.read(write(HandMade.ARF_WITH_ODD_PREFIXES));

    assertThat(report.ruleResults()).noneMatch(r -> r.ruleId().equals("decoy"));
  }

  @Test
  void readsBareTestResultInXccdf11() throws Exception {
    ScanReport report = reader.read(write(HandMade.BARE_TEST_RESULT_11));

    assertThat(report.benchmarkId()).isNull();
    assertThat(report.startTime()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(report.ruleResults()).extracting(RuleResult::title).containsOnlyNulls();
    assertThat(report.ruleResults()).extracting(RuleResult::severity).containsOnly("unknown");
    assertThat(report.notApplicable()).isTrue();
    assertThat(report.summary()).isEqualTo(ScanReport.NOT_APPLICABLE_SUMMARY);
  }

  @Test
  void rejectsDoctypeWithExternalEntity() throws Exception {
    Path file =
        write(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<TestResult xmlns=\"http://checklists.nist.gov/xccdf/1.2\">&x;</TestResult>");

    assertFailure(file).hasMessageContaining(DOCTYPE).hasMessageNotContaining("root:x:0:0");
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
  void rejectsTruncatedArfWithReadableMessage() throws Exception {
    String arf = Files.readString(fixture("nine-results-arf.xml"));
    Path file = write(arf.substring(0, arf.indexOf("</rule-result>") + "</rule-result>".length()));

    assertFailure(file)
        .hasMessageContaining("ends before its XML document does (truncated?)")
        .hasMessageContaining("not well-formed XML at line ");
  }

  @Test
  void rejectsArfCutInsideATagWithTheLine() throws Exception {
    byte[] arf = Files.readAllBytes(fixture("nine-results-arf.xml"));
    Path file = dir.resolve("cut.xml");
    Files.write(file, Arrays.copyOf(arf, arf.length * 9 / 10));

    assertFailure(file).hasMessageContaining("not well-formed XML at line ");
  }

  @Test
  void rejectsFileWithoutTestResult() throws Exception {
    Path file = write("<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\"/>");

    assertFailure(file).hasMessageContaining("no XCCDF TestResult found");
  }

  @Test
  void rejectsUnknownResultNamingTheRule() throws Exception {
    Path file = write(HandMade.BARE_TEST_RESULT_11.replace(">notapplicable<", ">maybe<"));

    assertFailure(file).hasMessageContaining("unknown result 'maybe'").hasMessageContaining("r1");
  }

  @Test
  void rejectsRuleResultWithoutItsRuleId() throws Exception {
    // a rule result without a rule id could not be stored (rule_id is not null)
    Path file = write(HandMade.BARE_TEST_RESULT_11.replace("idref=\"r2\"", ""));

    assertFailure(file).hasMessageContaining("rule-result without an idref");
  }

  @Test
  void rejectsStreamThatIsNotXml() {
    InputStream in = new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 0, 0});

    assertThat(catchThrowable(() -> reader.read(in)))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("binary data");
  }

  private RuleResult rule(ScanReport report, String id) {
    return report.ruleResults().stream().filter(r -> r.ruleId().equals(id)).findFirst().get();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFailure(Path file) {
    return assertThat(catchThrowable(() -> reader.read(file)))
        .isInstanceOf(ScapContentException.class);
  }

  private Path write(String xml) throws IOException {
    Path file = Files.createTempFile(dir, "arf", ".xml");
    return Files.writeString(file, xml, StandardCharsets.UTF_8);
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(ArfReaderTest.class.getResource(name).toURI());
  }
}
