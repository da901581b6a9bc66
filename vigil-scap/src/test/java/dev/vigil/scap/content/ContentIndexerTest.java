package dev.vigil.scap.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexing of small, hand-written SCAP documents. */
class ContentIndexerTest {
  private static final String DS = "http://scap.nist.gov/schema/scap/source/1.2";
  private static final String XCCDF12 = "http://checklists.nist.gov/xccdf/1.2";

  private final ContentIndexer indexer = new ContentIndexer();

  @TempDir Path dir;

  @Test
  void countsRulesWithOscapSelectionSemantics() throws Exception {
    Path file = Path.of(getClass().getResource("selection-benchmark.xml").toURI());

    ContentFile result = indexer.index(file, "content/selection.xml");

    assertThat(result.kind()).isEqualTo(FileKind.XCCDF_BENCHMARK);
    assertThat(result.path()).isEqualTo("content/selection.xml");
    ChecklistInfo checklist = result.checklists().get(0);
    assertThat(checklist.dataStreamId()).isNull();
    assertThat(checklist.componentRefId()).isNull();
    BenchmarkInfo b = checklist.benchmark();
    assertThat(b.id()).isEqualTo("xccdf_test_benchmark_selection");
    assertThat(b.title()).isEqualTo("Selection semantics");
    assertThat(b.version()).isEqualTo("1.0");
    assertThat(b.platforms()).containsExactly("cpe:/o:example:os:1");
    assertThat(b.ruleCount()).isEqualTo(12);
    assertThat(b.defaultRuleCount()).isEqualTo(2);
    assertThat(b.profiles())
        .extracting(ProfileInfo::id, ProfileInfo::ruleCount)
        .containsExactly(
            tuple("xccdf_test_profile_child", 6),
            tuple("xccdf_test_profile_base", 6),
            tuple("xccdf_test_profile_group_off", 3));
  }

  @Test
  void keepsTitleWhitespaceAndFlattensDescriptionMarkup() throws Exception {
    Path file = Path.of(getClass().getResource("selection-benchmark.xml").toURI());

    ProfileInfo child =
        indexer.index(file, "b.xml").checklists().get(0).benchmark().profiles().get(0);

    assertThat(child.title()).isEqualTo("Child  of base");
    assertThat(child.description()).isEqualTo("Extends base: drops c and u, adds cluster k and z.");
  }

  @Test
  void joinsChecklistsWithComponentsBeforeAndAfterTheStream() throws Exception {
    Path file =
        write(
            "<ds:data-stream-collection xmlns:ds='"
                + DS
                + "' xmlns:xlink='http://www.w3.org/1999/xlink'>"
                + component("c-before", benchmark("b1", ""))
                + "<ds:data-stream id='s1'>"
                + "<ds:dictionaries><ds:component-ref id='r-dict' xlink:href='#c-dict'/></ds:dictionaries>"
                + "<ds:checklists>"
                + "<ds:component-ref id='r1' xlink:href='#c-before'/>"
                + "<ds:component-ref id='r2' xlink:href='#c-after'/>"
                + "</ds:checklists></ds:data-stream>"
                + "<ds:data-stream id='s2'><ds:checklists>"
                + "<ds:component-ref id='r3' xlink:href='#c-after'/>"
                + "</ds:checklists></ds:data-stream>"
                + component("c-dict", "<cpe-list xmlns='http://cpe.mitre.org/dictionary/2.0'/>")
                + component("c-after", benchmark("b2", ""))
                + "</ds:data-stream-collection>");

    ContentFile result = indexer.index(file, "ds.xml");

    assertThat(result.kind()).isEqualTo(FileKind.SOURCE_DATASTREAM);
    assertThat(result.dataStreamIds()).containsExactly("s1", "s2");
    assertThat(result.checklists())
        .extracting(
            ChecklistInfo::dataStreamId, ChecklistInfo::componentRefId, c -> c.benchmark().id())
        .containsExactly(tuple("s1", "r1", "b1"), tuple("s1", "r2", "b2"), tuple("s2", "r3", "b2"));
  }

  @Test
  void leavesOutStreamsAndChecklistRefsWithoutTheirIds() throws Exception {
    // both ids are required; without them nothing names the checklist to oscap
    Path file =
        write(
            "<ds:data-stream-collection xmlns:ds='"
                + DS
                + "' xmlns:xlink='http://www.w3.org/1999/xlink'>"
                + "<ds:data-stream><ds:checklists>"
                + "<ds:component-ref id='r0' xlink:href='#c1'/>"
                + "</ds:checklists></ds:data-stream>"
                + "<ds:data-stream id='s1'><ds:checklists>"
                + "<ds:component-ref xlink:href='#c1'/>"
                + "<ds:component-ref id='r1' xlink:href='#c1'/>"
                + "</ds:checklists></ds:data-stream>"
                + component("c1", benchmark("b1", ""))
                + "</ds:data-stream-collection>");

    ContentFile result = indexer.index(file, "ds.xml");

    assertThat(result.dataStreamIds()).containsExactly("s1");
    assertThat(result.checklists())
        .extracting(ChecklistInfo::dataStreamId, ChecklistInfo::componentRefId)
        .containsExactly(tuple("s1", "r1"));
  }

  @Test
  void resolvesExtendsDeclaredLaterAndSurvivesCycles() throws Exception {
    String profiles =
        profile("p3", "extends='p2'", "<select idref='r3' selected='true'/>")
            + profile("p2", "extends='p1'", "<select idref='r2' selected='true'/>")
            + profile("p1", "", "<select idref='r1' selected='true'/>")
            + profile("loopA", "extends='loopB'", "<select idref='r1' selected='true'/>")
            + profile("loopB", "extends='loopA'", "<select idref='r2' selected='true'/>");
    String rules = rule("r1", false) + rule("r2", false) + rule("r3", false);

    BenchmarkInfo b = only(write(benchmark("b", profiles + rules)));

    assertThat(b.profiles())
        .extracting(ProfileInfo::id, ProfileInfo::ruleCount)
        .containsExactly(
            tuple("p3", 3), tuple("p2", 2), tuple("p1", 1), tuple("loopA", 2), tuple("loopB", 2));
  }

  @Test
  void leavesOutAbstractProfilesAndAbstractRules() throws Exception {
    String content =
        profile("abs", "abstract='true'", "<select idref='r1' selected='true'/>")
            + profile("real", "extends='abs'", "")
            + rule("r1", false)
            + "<Rule id='r0' abstract='true'><title>t</title></Rule>";

    BenchmarkInfo b = only(write(benchmark("b", content)));

    assertThat(b.profiles())
        .extracting(ProfileInfo::id, ProfileInfo::ruleCount)
        .containsExactly(tuple("real", 1));
    assertThat(b.ruleCount()).isEqualTo(1);
  }

  @Test
  void prefersEnglishTitles() throws Exception {
    String content =
        "<title xml:lang='de'>Deutsch</title><title xml:lang='en-GB'>British</title>"
            + "<title xml:lang='en-US'>American</title>"
            + profile("p", "", "")
            + rule("r", true);

    BenchmarkInfo b = only(write(benchmark("b", content)));

    assertThat(b.title()).isEqualTo("American");
  }

  @Test
  void readsXccdf11Benchmarks() throws Exception {
    Path file =
        write(
            "<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.1' id='old'>"
                + "<title>Old</title><version>0.9</version>"
                + "<Profile id='p'><title>P</title><select idref='r2' selected='true'/></Profile>"
                + "<Group id='g'><title>g</title>"
                + "<Rule id='r1'><title>r1</title></Rule>"
                + "<Rule id='r2' selected='false'><title>r2</title></Rule>"
                + "</Group></Benchmark>");

    BenchmarkInfo b = only(file);

    assertThat(b.version()).isEqualTo("0.9");
    assertThat(b.defaultRuleCount()).isEqualTo(1);
    assertThat(b.profiles()).extracting(ProfileInfo::ruleCount).containsExactly(2);
  }

  @Test
  void indexesTailoringFile() throws Exception {
    Path file =
        write(
            "<?xml version='1.0'?><xccdf:Tailoring xmlns:xccdf='"
                + XCCDF12
                + "' id='t'>"
                + "<xccdf:benchmark href='ssg-rhel9-ds.xml'/>"
                + "<xccdf:version time='2024-01-01T00:00:00'>1</xccdf:version>"
                + "<xccdf:Profile id='xccdf_me_profile_x' extends='xccdf_org.ssgproject.content_profile_cis'>"
                + "<xccdf:title>Mine</xccdf:title>"
                + "<xccdf:select idref='xccdf_org.ssgproject.content_rule_x' selected='false'/>"
                + "</xccdf:Profile></xccdf:Tailoring>");

    ContentFile result = indexer.index(file, "tailoring.xml");

    assertThat(result.kind()).isEqualTo(FileKind.TAILORING);
    assertThat(result.checklists()).isEmpty();
    assertThat(result.dataStreamIds()).isEmpty();
  }

  private BenchmarkInfo only(Path file) throws Exception {
    List<ChecklistInfo> checklists = indexer.index(file, "b.xml").checklists();
    assertThat(checklists).hasSize(1);
    return checklists.get(0).benchmark();
  }

  private static String component(String id, String body) {
    return "<ds:component id='" + id + "'>" + body + "</ds:component>";
  }

  private static String benchmark(String id, String body) {
    return "<Benchmark xmlns='"
        + XCCDF12
        + "' id='"
        + id
        + "'><title>T</title>"
        + body
        + "</Benchmark>";
  }

  private static String profile(String id, String attrs, String selects) {
    return "<Profile id='"
        + id
        + "' "
        + attrs
        + "><title>"
        + id
        + "</title>"
        + selects
        + "</Profile>";
  }

  private static String rule(String id, boolean selected) {
    return "<Rule id='" + id + "' selected='" + selected + "'><title>" + id + "</title></Rule>";
  }

  private Path write(String content) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "doc", ".xml"), content);
  }
}
