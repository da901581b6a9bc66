package dev.vigil.scap.tailoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.scap.content.ScapContentException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tailoring files as {@code autotailor} writes them: read, checked against the SSG Debian 11
 * datastream's catalog, written back and read to the same selections and values; bad files refused
 * with a message naming the problem.
 */
class TailoringFilesSystemTest {
  static final Path SSG = Path.of("/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml");
  static final String NS = "xccdf_org.ssgproject.content_";
  static ChecklistCatalog catalog;

  @TempDir Path dir;

  @BeforeAll
  static void readCatalog() throws Exception {
    assumeTrue(Files.exists(SSG), "needs ssg-debian");
    catalog = ChecklistCatalog.read(SSG);
  }

  @Test
  void catalogHasProfilesRulesAndValuesWithSelectorsAndTypes() {
    assertThat(catalog.benchmarkIds()).containsExactly(NS + "benchmark_DEBIAN-11");
    assertThat(catalog.profiles()).containsKey(NS + "profile_standard");
    assertThat(catalog.rules().get(NS + "rule_sshd_disable_root_login"))
        .isEqualTo("Disable SSH Root Login");
    ChecklistCatalog.ValueInfo idle = catalog.values().get(NS + "value_sshd_idle_timeout_value");
    assertThat(idle.type()).isEqualTo("number");
    assertThat(idle.defaultValue()).isEqualTo("300");
    assertThat(idle.selectors()).containsEntry("15_minutes", "900");
  }

  @Test
  void autotailorFileRoundTripsThroughVigilsWriter() throws Exception {
    Path file =
        autotailor(
            "-p",
            "vigil_rt",
            "-u",
            NS + "rule_sshd_disable_root_login",
            "-s",
            NS + "rule_accounts_maximum_age_login_defs",
            "-v",
            "sshd_idle_timeout_value=900",
            "--title",
            "Round <trip> & co");

    TailoredProfile read = TailoringReader.read(Files.newInputStream(file), "autotailor");

    assertThat(read.profileId()).isEqualTo(NS + "profile_vigil_rt");
    assertThat(read.extendsProfile()).isEqualTo(NS + "profile_standard");
    assertThat(read.title()).isEqualTo("Round <trip> & co");
    assertThat(read.rules())
        .containsOnly(
            Map.entry(NS + "rule_sshd_disable_root_login", false),
            Map.entry(NS + "rule_accounts_maximum_age_login_defs", true));
    assertThat(read.values())
        .containsExactlyEntriesOf(Map.of(NS + "value_sshd_idle_timeout_value", "900"));
    assertThat(TailoringCheck.problems(read, catalog)).isEmpty();
    String written =
        TailoringWriter.write(
            read, "xccdf_vigil_tailoring_1", "ssg-debian11-ds.xml", 3, Instant.EPOCH);
    TailoredProfile again = TailoringReader.read(stream(written), "written");
    assertThat(again).isEqualTo(read);
  }

  @Test
  void refusesDoctype() {
    String doc =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\">&e;</Tailoring>";
    assertThatThrownBy(() -> TailoringReader.read(stream(doc), "t"))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void refusesMalformedXml() {
    assertThatThrownBy(
            () ->
                TailoringReader.read(
                    stream("<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\"><Profile"),
                    "t"))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void refusesOtherRootsAndXccdf11() {
    assertThatThrownBy(
            () ->
                TailoringReader.read(
                    stream("<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"/>"), "t"))
        .hasMessageContaining("not an XCCDF 1.2 tailoring file")
        .hasMessageContaining("<Benchmark>");
    assertThatThrownBy(
            () ->
                TailoringReader.read(
                    stream("<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.1\"/>"), "t"))
        .hasMessageContaining("XCCDF 1.1");
  }

  @Test
  void refusesProfileWithoutExtendsAndRefinements() {
    assertThatThrownBy(
            () -> TailoringReader.read(stream(tailoring("id=\"xccdf_a_profile_b\"", "")), "t"))
        .hasMessageContaining("extends no profile");
    assertThatThrownBy(
            () ->
                TailoringReader.read(
                    stream(
                        tailoring(
                            "id=\"xccdf_a_profile_b\" extends=\"xccdf_a_profile_c\"",
                            "<refine-value idref=\"v\" selector=\"x\"/>")),
                    "t"))
        .hasMessageContaining("<refine-value>");
  }

  @Test
  void neverResolvesTheBenchmarkHref() throws Exception {
    String doc =
        "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"xccdf_t_tailoring_x\">"
            + "<benchmark href=\"http://127.0.0.1:1/never\"/>"
            + "<Profile id=\""
            + NS
            + "profile_x\" extends=\""
            + NS
            + "profile_standard\"/></Tailoring>";
    TailoredProfile p = TailoringReader.read(stream(doc), "t");
    assertThat(TailoringCheck.problems(p, catalog)).isEmpty();
  }

  @Test
  void tellsAnotherBenchmarkFromUnknownRules() throws Exception {
    TailoredProfile other =
        new TailoredProfile(
            "xccdf_dev.vigil_profile_t",
            "xccdf_dev.vigil_profile_nine-results",
            "",
            "",
            Map.of("xccdf_dev.vigil_rule_pass", false),
            Map.of());
    assertThat(TailoringCheck.problems(other, catalog).get("baseProfile"))
        .contains("another benchmark")
        .contains(NS + "benchmark_DEBIAN-11");

    TailoredProfile unknown =
        new TailoredProfile(
            NS + "profile_t",
            NS + "profile_standard",
            "",
            "",
            Map.of(NS + "rule_sshd_disable_root_login", false, NS + "rule_no_such_rule", false),
            Map.of(NS + "value_sshd_idle_timeout_value", "soon", NS + "value_no_such", "1"));
    Map<String, String> problems = TailoringCheck.problems(unknown, catalog);
    assertThat(problems.get("rules")).isEqualTo("unknown rule: " + NS + "rule_no_such_rule");
    assertThat(problems.get("values"))
        .contains(NS + "value_sshd_idle_timeout_value must be a number, got \"soon\"")
        .contains("unknown value " + NS + "value_no_such");
    assertThat(problems).doesNotContainKey("baseProfile");
  }

  private Path autotailor(String... args) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/autotailor")), "needs autotailor");
    Path out = dir.resolve("tailoring.xml");
    List<String> cmd =
        new java.util.ArrayList<>(List.of("/usr/bin/autotailor", "-o", out.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of(SSG.toString(), "standard"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return out;
  }

  private static String tailoring(String profileAttrs, String body) {
    return "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"xccdf_t_tailoring_x\">"
        + "<Profile "
        + profileAttrs
        + ">"
        + body
        + "</Profile></Tailoring>";
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
