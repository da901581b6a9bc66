package dev.vigil.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the first scan picks its content from this host's os-release and the installed SSG. */
class FirstScanContentTest {

  @TempDir Path dir;

  @Test
  void takesTheSsgDatastreamOfThisOsWhenInstalled() throws Exception {
    Path ssg = Files.createDirectories(dir.resolve("ssg"));
    Files.writeString(ssg.resolve("ssg-debian11-ds.xml"), "<x/>");
    Files.writeString(ssg.resolve("ssg-ubuntu2204-ds.xml"), "<x/>");
    Path baseline = Files.writeString(dir.resolve("baseline-ds.xml"), "<x/>");

    assertThat(
            FirstScan.pick(ssg, baseline, Map.of("ID", "debian", "VERSION_ID", "11")).datastream())
        .isEqualTo(ssg.resolve("ssg-debian11-ds.xml"));
    assertThat(
            FirstScan.pick(ssg, baseline, Map.of("ID", "ubuntu", "VERSION_ID", "22.04"))
                .datastream())
        .isEqualTo(ssg.resolve("ssg-ubuntu2204-ds.xml"));
    FirstScan.Content bookworm =
        FirstScan.pick(
            ssg,
            baseline,
            Map.of("ID", "debian", "VERSION_ID", "12", "PRETTY_NAME", "Debian GNU/Linux 12"));
    assertThat(bookworm.datastream()).isEqualTo(baseline.toAbsolutePath());
    assertThat(bookworm.why()).contains("no checklist for Debian GNU/Linux 12");
    assertThat(FirstScan.pick(ssg, baseline, Map.of()).datastream())
        .isEqualTo(baseline.toAbsolutePath());
  }

  @Test
  void saysWhatIsMissingWhenThereIsNeitherSsgNorBaseline() {
    assertThatThrownBy(
            () ->
                FirstScan.pick(
                    dir, dir.resolve("none.xml"), Map.of("ID", "debian", "VERSION_ID", "12")))
        .hasMessageContaining("no baseline at");
  }

  @Test
  void readsOsReleaseWithAndWithoutQuotes() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("os-release"),
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n# x\n");
    assertThat(FirstScan.osRelease(f))
        .containsEntry("ID", "debian")
        .containsEntry("VERSION_ID", "12")
        .containsEntry("PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)");
    assertThat(FirstScan.osRelease(dir.resolve("missing"))).isEmpty();
  }
}
