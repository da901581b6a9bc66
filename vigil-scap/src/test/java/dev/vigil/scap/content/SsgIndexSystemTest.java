package dev.vigil.scap.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every SSG source datastream indexes to the profiles {@code oscap info} lists. */
class SsgIndexSystemTest {
  private final ContentIndexer indexer = new ContentIndexer();

  @TestFactory
  Stream<DynamicTest> profileIdsAndTitlesEqualOscapInfoForEveryDatastream() throws Exception {
    Oscap.assumeInstalled();
    return Oscap.datastreams().stream()
        .map(ds -> DynamicTest.dynamicTest(ds.getFileName().toString(), () -> compare(ds)));
  }

  @Test
  void indexesStandaloneXccdfBenchmarkWithItsProfiles() throws Exception {
    Oscap.assumeInstalled();
    Path xccdf = Oscap.SSG.resolve("ssg-rhel9-xccdf.xml");

    ContentFile file = indexer.index(xccdf, "ssg-rhel9-xccdf.xml");

    assertThat(file.kind()).isEqualTo(FileKind.XCCDF_BENCHMARK);
    assertThat(file.dataStreamIds()).isEmpty();
    assertThat(file.checklists()).hasSize(1);
    BenchmarkInfo b = file.checklists().get(0).benchmark();
    assertThat(b.id()).isEqualTo("xccdf_org.ssgproject.content_benchmark_RHEL-9");
    assertThat(b.platforms()).contains("cpe:/o:redhat:enterprise_linux:9");
    assertThat(b.profiles())
        .extracting(ProfileInfo::id)
        .contains("xccdf_org.ssgproject.content_profile_stig");
    BenchmarkInfo fromDatastream =
        indexer
            .index(Oscap.SSG.resolve("ssg-rhel9-ds.xml"), "ds.xml")
            .checklists()
            .get(0)
            .benchmark();
    assertThat(b.profiles()).isEqualTo(fromDatastream.profiles());
  }

  @Test
  void recognisesOvalCpeDictionaryAndOtherSsgFiles() throws Exception {
    Oscap.assumeInstalled();

    assertThat(kindOf("ssg-rhel9-oval.xml")).isEqualTo(FileKind.OVAL);
    assertThat(kindOf("ssg-rhel9-cpe-oval.xml")).isEqualTo(FileKind.OVAL);
    assertThat(kindOf("ssg-rhel9-cpe-dictionary.xml")).isEqualTo(FileKind.CPE_DICTIONARY);
    assertThat(kindOf("ssg-rhel9-ocil.xml")).isEqualTo(FileKind.OTHER_XML);
    assertThat(kindOf("ssg-rhel9-ds-1.2.xml")).isEqualTo(FileKind.SOURCE_DATASTREAM);
  }

  private FileKind kindOf(String name) throws Exception {
    return indexer.index(Oscap.SSG.resolve(name), name).kind();
  }

  private void compare(Path ds) throws Exception {
    ContentFile file = indexer.index(ds, ds.getFileName().toString());

    assertThat(file.kind()).isEqualTo(FileKind.SOURCE_DATASTREAM);
    assertThat(file.dataStreamIds()).isNotEmpty();
    assertThat(file.checklists()).isNotEmpty();
    assertThat(profiles(file)).containsExactlyEntriesOf(Oscap.infoProfiles(ds));
  }

  private static Map<String, String> profiles(ContentFile file) {
    Map<String, String> profiles = new LinkedHashMap<>();
    for (ChecklistInfo c : file.checklists()) {
      for (ProfileInfo p : c.benchmark().profiles()) {
        profiles.put(c.componentRefId() + " " + p.id(), p.title());
      }
    }
    return profiles;
  }
}
