package dev.vigil.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the first scan names this host's SSG datastream from os-release, finds it installed, and
 * reads the upstream release it came from.
 */
class FirstScanContentTest {

  @TempDir Path dir;

  @Test
  void namesTheDatastreamOfThisOsMostPreciseFirst() {
    assertThat(FirstScanContent.datastreamNames(Map.of("ID", "debian", "VERSION_ID", "12")))
        .containsExactly("ssg-debian12-ds.xml");
    assertThat(FirstScanContent.datastreamNames(Map.of("ID", "ubuntu", "VERSION_ID", "22.04")))
        .containsExactly("ssg-ubuntu2204-ds.xml", "ssg-ubuntu22-ds.xml");
    assertThat(FirstScanContent.datastreamNames(Map.of("ID", "RHEL", "VERSION_ID", "9.4")))
        .containsExactly("ssg-rhel94-ds.xml", "ssg-rhel9-ds.xml");
    assertThat(FirstScanContent.datastreamNames(Map.of())).isEmpty();
    assertThat(FirstScanContent.datastreamNames(Map.of("ID", "debian"))).isEmpty();
  }

  @Test
  void findsTheInstalledDatastreamOfThisOsOnly() throws Exception {
    Path ssg = Files.createDirectories(dir.resolve("ssg"));
    Files.writeString(ssg.resolve("ssg-debian11-ds.xml"), "<x/>");
    Files.writeString(ssg.resolve("ssg-rhel9-ds.xml"), "<x/>");

    assertThat(FirstScanContent.installed(ssg, List.of("ssg-debian11-ds.xml")))
        .contains(ssg.resolve("ssg-debian11-ds.xml"));
    assertThat(FirstScanContent.installed(ssg, List.of("ssg-rhel94-ds.xml", "ssg-rhel9-ds.xml")))
        .contains(ssg.resolve("ssg-rhel9-ds.xml"));
    assertThat(FirstScanContent.installed(ssg, List.of("ssg-debian12-ds.xml"))).isEmpty();
    assertThat(FirstScanContent.installed(ssg, List.of())).isEmpty();
  }

  @Test
  void readsTheUpstreamReleaseFromTheArchive() {
    assertThat(FirstScanContent.archiveName(FirstScan.UPSTREAM_RELEASE))
        .isEqualTo("scap-security-guide-0.1.82");
    assertThat(FirstScanContent.archiveName("http://127.0.0.1:1/a/ssg.tar.gz?x=1"))
        .isEqualTo("ssg");
    assertThat(FirstScanContent.archiveName("http://127.0.0.1:1/"))
        .isEqualTo("scap-security-guide-upstream");
    assertThat(
            FirstScanContent.version(
                "scap-security-guide-0.1.82/ssg-debian12-ds.xml", "scap-security-guide-0.1.82"))
        .isEqualTo("0.1.82");
    assertThat(FirstScanContent.version("ssg-debian12-ds.xml", "scap-security-guide-0.1.80"))
        .isEqualTo("0.1.80");
    assertThat(FirstScanContent.version("ssg-debian12-ds.xml", "mirror")).isEqualTo("(mirror)");
  }

  @Test
  void readsOsReleaseWithAndWithoutQuotes() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("os-release"),
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n# x\n");
    assertThat(FirstScanContent.osRelease(f))
        .containsEntry("ID", "debian")
        .containsEntry("VERSION_ID", "12")
        .containsEntry("PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)");
    assertThat(FirstScanContent.osRelease(dir.resolve("missing"))).isEmpty();
  }
}
