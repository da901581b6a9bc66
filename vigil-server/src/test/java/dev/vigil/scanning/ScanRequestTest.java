package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanRequestTest {

  private static final String SHA = "a".repeat(64);
  private static final String PROFILE = "xccdf_org.ssgproject.content_profile_standard";

  @ParameterizedTest
  @ValueSource(
      strings = {"x; rm -rf /", "$(id)", "`id`", "a'b", "a\"b", "a\nb", "a b", "", "a|b", "a>b"})
  void refusesHostileIdentifiersInEveryIdField(String hostile) {
    assertRefused(() -> request(hostile, null, null, null, SHA, "/var/tmp"));
    assertRefused(() -> request(PROFILE, hostile, null, null, SHA, "/var/tmp"));
    assertRefused(() -> request(PROFILE, null, hostile, null, SHA, "/var/tmp"));
    assertRefused(() -> request(PROFILE, null, null, hostile, SHA, "/var/tmp"));
    assertRefused(() -> request(PROFILE, null, null, null, hostile, "/var/tmp"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"var/tmp", "/var/tmp; id", "/var/$(id)", "/var/../etc", "/", "/var tmp", "~/x"})
  void refusesWorkDirectoriesThatAreNotPlainAbsolutePaths(String dir) {
    assertRefused(() -> request(PROFILE, null, null, null, SHA, dir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x; rm -rf /", "$(id)", "a'b", "a b", ""})
  void refusesHostileTailoredProfileIds(String hostile) {
    assertRefused(() -> new ScanRequest.Tailoring(hostile, "<Tailoring/>"));
  }

  @Test
  void aTailoringAddsTheFileAndItsProfileToTheOscapStepAndTheFileToTheScript() {
    String tailored = "xccdf_org.ssgproject.content_profile_vigil_x";
    String doc = "<xccdf:Tailoring>it's \"quoted\" $(id)</xccdf:Tailoring>";
    ScanRequest plain = request(PROFILE, null, null, null, SHA, "/var/tmp");
    ScanRequest request = plain.withTailoring(new ScanRequest.Tailoring(tailored, doc));

    assertThat(request.evaluatedProfile()).isEqualTo(tailored);
    assertThat(plain.evaluatedProfile()).isEqualTo(PROFILE);
    assertThat(OscapCommand.eval(request))
        .contains("'--tailoring-file' 'tailoring.xml' '--profile' '" + tailored + "'")
        .doesNotContain(PROFILE + "'");
    assertThat(OscapCommand.eval(plain)).doesNotContain("--tailoring-file");
    String script = ScanScript.first(request, 1000, true, true);
    assertThat(script).contains("| base64 -d | gzip -dc > \"$t/tailoring.xml\"");
    assertThat(script).doesNotContain("$(id)");
    assertThat(ScanScript.first(plain, 1000, true, true)).doesNotContain("tailoring.xml");
  }

  @Test
  void refusesAnUppercaseOrShortSha256() {
    assertRefused(() -> request(PROFILE, null, null, null, "A".repeat(64), "/var/tmp"));
    assertRefused(() -> request(PROFILE, null, null, null, "a".repeat(63), "/var/tmp"));
  }

  @Test
  void refusesABenchmarkIdTogetherWithDatastreamIds() {
    assertRefused(() -> request(PROFILE, "ds", null, "bench", SHA, "/var/tmp"));
  }

  @Test
  void acceptsRealIdsAndFillsDefaults() {
    ScanRequest request =
        new ScanRequest(
            "t",
            TargetConnection.local(),
            true,
            Path.of("x.xml"),
            SHA,
            "scap_org.open-scap_datastream_from_xccdf_ssg-debian11-xccdf.xml",
            "scap_org.open-scap_cref_ssg-debian11-xccdf.xml",
            null,
            PROFILE,
            null,
            "/var/tmp/");
    assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(request.remoteWorkDir()).isEqualTo("/var/tmp");
    assertThat(request.plainXccdf()).isFalse();
  }

  @Test
  void quotesEveryWordOfTheOscapCommandLine() {
    ScanRequest request =
        new ScanRequest(
            "t",
            TargetConnection.local(),
            false,
            Path.of("x.xml"),
            SHA,
            "d.s:1",
            "x-1",
            null,
            PROFILE,
            null,
            null);
    assertThat(OscapCommand.eval(request))
        .startsWith(
            "cd \"$1\" || exit 1\n"
                + "echo $$ > oscap.pgid\n"
                + "\"$3\" 'xccdf' 'eval' '--progress' '--profile' '"
                + PROFILE
                + "' '--datastream-id' 'd.s:1' '--xccdf-id' 'x-1'"
                + " '--results-arf' 'arf.xml' '--report' 'report.html' \"$2\"\n")
        .endsWith("exit $rc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "TR1", "tr_1", "tr.1", "tr/1", "tr 1", "tr;1", "$(id)", "a\nb"})
  void refusesRunTagsOutsideLowerCaseLettersDigitsAndDashes(String tag) {
    ScanRequest request = request(PROFILE, null, null, null, SHA, "/var/tmp");
    assertRefused(() -> request.withRunTag(tag));
    assertRefused(() -> request.withRunTag("a".repeat(41)));
  }

  @Test
  void anElevenArgumentRequestIsUntaggedAndWithRunTagKeepsEverythingElse() {
    ScanRequest untagged = request(PROFILE, "ds", "x", null, SHA, "/var/tmp/");
    assertThat(untagged.runTag()).isNull();

    ScanRequest tagged = untagged.withRunTag("tr42-" + "a".repeat(35));

    assertThat(tagged.runTag()).isEqualTo("tr42-" + "a".repeat(35));
    assertThat(tagged.withRunTag(null)).isEqualTo(untagged);
    assertThat(RunDirectory.prefix(tagged)).isEqualTo("vigil-run.tr42-" + "a".repeat(35) + ".");
    assertThat(RunDirectory.prefix(untagged)).isEqualTo("vigil-run.");
  }

  @Test
  void aRunDirectoryMustCarryExactlyTheRequestsTag() {
    ScanRequest untagged = request(PROFILE, null, null, null, SHA, "/var/tmp");
    ScanRequest tagged = untagged.withRunTag("tr7");

    assertThat(RunDirectory.isRunDir("/var/tmp/vigil-run.tr7.abCD1234", tagged)).isTrue();
    assertThat(RunDirectory.isRunDir("/var/tmp/vigil-run.abCD1234", untagged)).isTrue();
    for (String other :
        new String[] {
          "/var/tmp/vigil-run.abCD1234",
          "/var/tmp/vigil-run.tr77.abCD1234",
          "/var/tmp/vigil-run.tr7.abCD123",
          "/var/tmp/vigil-run.tr7.ab.D1234",
          "/var/tmp/vigil-run.tr7.abCD1234/x",
          "/var/tmp/x/vigil-run.tr7.abCD1234",
          "/tmp/vigil-run.tr7.abCD1234"
        }) {
      assertThat(RunDirectory.isRunDir(other, tagged)).as(other).isFalse();
    }
    assertThat(RunDirectory.isRunDir("/var/tmp/vigil-run.tr7.abCD1234", untagged)).isFalse();
  }

  @Test
  void countsOneProgressLinePerRuleResultAndSpotsTheMissingResultsLine() {
    ScanControl control = new ScanControl();
    OscapProgress progress = new OscapProgress(control);
    for (String line :
        new String[] {
          "xccdf_org.ssgproject.content_rule_a:pass",
          "xccdf_dev.vigil_rule_b:notapplicable",
          "xccdf_dev.vigil_rule_c:fixed",
          "W: oscap: something: fail",
          "some title",
          ":pass",
          "xccdf_dev.vigil_rule_d:passed"
        }) {
      progress.line(line);
    }
    assertThat(control.rulesEvaluated()).isEqualTo(3);
    assertThat(progress.resultsMissing()).isFalse();

    progress.line(OscapCommand.RESULTS_MISSING);

    assertThat(progress.resultsMissing()).isTrue();
    assertThat(control.rulesEvaluated()).isEqualTo(3);
  }

  private static ScanRequest request(
      String profile, String ds, String xccdf, String benchmark, String sha, String dir) {
    return new ScanRequest(
        "t",
        TargetConnection.local(),
        false,
        Path.of("x.xml"),
        sha,
        ds,
        xccdf,
        benchmark,
        profile,
        Duration.ofSeconds(5),
        dir);
  }

  private static void assertRefused(ThrowingCall call) {
    assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class);
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }
}
