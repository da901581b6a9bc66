package dev.vigil.scap.arf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real oscap and checks that ArfReader reads from its ARF exactly what oscap wrote in the
 * plain results file of the same run, and printed.
 */
class ArfReaderSystemTest {
  private static final String NINE_PROFILE = "xccdf_dev.vigil_profile_nine-results";
  private static final Path SSG_DEBIAN11 =
      Path.of("/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml");
  private static final String SSG_STANDARD = "xccdf_org.ssgproject.content_profile_standard";

  private final ArfReader reader = new ArfReader();

  @TempDir Path dir;

  @Test
  void readsEveryOneOfTheNineResultsFromARealRemediatingScan() throws Exception {
    OscapRun.assumeAvailable(true);
    Path content = copyNineResults();

    OscapRun run = OscapRun.eval(dir, content, NINE_PROFILE, "--remediate");
    ScanReport report = reader.read(run.arf());

    assertThat(run.exitCode()).as("oscap exit code, with a failed rule").isEqualTo(2);
    assertSameAsOscap(report, run);
    for (ResultType type : ResultType.values()) {
      assertThat(report.count(type)).as(type.xccdf()).isEqualTo(1);
    }
    assertThat(report.notApplicable()).isFalse();
    assertThat(report.ruleResults()).allSatisfy(r -> assertThat(r.title()).isNotBlank());
  }

  @Test
  void datastreamComposedFromTheContentGivesTheSameNineResults() throws Exception {
    OscapRun.assumeAvailable(true);
    Path ds = dir.resolve("nine-results-ds.xml");
    OscapRun.run(dir, "oscap", "ds", "sds-compose", copyNineResults().toString(), ds.toString());
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));

    OscapRun run = OscapRun.eval(elsewhere, ds, NINE_PROFILE, "--remediate");
    ScanReport report = reader.read(run.arf());

    assertSameAsOscap(report, run);
    for (ResultType type : ResultType.values()) {
      assertThat(report.count(type)).as(type.xccdf()).isEqualTo(1);
    }
  }

  @Test
  void withoutRemediationTheFixableRuleFails() throws Exception {
    OscapRun.assumeAvailable(true);
    Path content = copyNineResults();

    ScanReport report = reader.read(OscapRun.eval(dir, content, NINE_PROFILE).arf());

    assertThat(report.count(ResultType.FIXED)).isZero();
    assertThat(report.count(ResultType.FAIL)).isEqualTo(2);
  }

  @Test
  void ssgProfileForAnotherReleaseIsReportedNotApplicable() throws Exception {
    OscapRun.assumeAvailable(false, SSG_DEBIAN11);
    assumeNotDebian11();

    OscapRun run = OscapRun.eval(dir, SSG_DEBIAN11, SSG_STANDARD);
    ScanReport report = reader.read(run.arf());

    assertThat(run.exitCode()).isZero();
    assertSameAsOscap(report, run);
    assertThat(report.notApplicable()).isTrue();
    assertThat(report.summary())
        .isEqualTo("No selected rule applies to this target (all results are notapplicable)");
    assertThat(report.benchmarkId()).isEqualTo("xccdf_org.ssgproject.content_benchmark_DEBIAN-11");
    assertThat(report.profileId()).isEqualTo(SSG_STANDARD);
    assertThat(report.ruleResults()).allSatisfy(r -> assertThat(r.title()).isNotBlank());
  }

  /** Rule by rule, counts and scores: ArfReader on the ARF against oscap's other outputs. */
  private static void assertSameAsOscap(ScanReport report, OscapRun run) throws IOException {
    Map<String, String> read = new LinkedHashMap<>();
    report.ruleResults().forEach(r -> read.put(r.ruleId(), r.result().xccdf()));
    Map<String, String> written = run.resultsFileRuleResults();

    assertThat(read).containsExactlyEntriesOf(written);
    assertThat(read).containsAllEntriesOf(run.printedRuleResults());
    assertThat(run.printedRuleResults())
        .hasSize(written.size() - report.count(ResultType.NOTSELECTED));
    for (ResultType type : ResultType.values()) {
      long expected = written.values().stream().filter(type.xccdf()::equals).count();
      assertThat(report.count(type)).as(type.xccdf()).isEqualTo((int) expected);
    }
    List<String> scores =
        report.scores().stream()
            .map(s -> s.system() + " " + s.value() + "/" + s.maximum())
            .toList();
    assertThat(scores).isNotEmpty().isEqualTo(run.resultsFileScores());
  }

  /** Copies the nine-results content to the temp dir, its SCE scripts executable. */
  private Path copyNineResults() throws IOException, URISyntaxException {
    Path source = Path.of(getClass().getResource("nine-results").toURI());
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Path copy = Files.copy(f, dir.resolve(f.getFileName()));
        copy.toFile().setExecutable(copy.toString().endsWith(".sh"));
      }
    }
    return dir.resolve("nine-results-xccdf.xml");
  }

  private static void assumeNotDebian11() throws IOException {
    Path version = Path.of("/etc/debian_version");
    boolean debian11 = Files.exists(version) && Files.readString(version).startsWith("11");
    org.junit.jupiter.api.Assumptions.assumeFalse(
        debian11, "skipped: on Debian 11 the Debian 11 profile applies");
  }
}
