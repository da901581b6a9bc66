package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ScanFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation at indexing with the real oscap, Vigil's own check without it, and oscap bounded. */
class ContentValidationTest {

  @TempDir static Path dir;
  private static Path valid;
  private static Path invalid;

  @BeforeAll
  static void content() throws IOException {
    ScanFixtures.requireScanning();
    valid = ScanFixtures.nineResultsDatastream(Files.createDirectories(dir.resolve("valid")));
    invalid = ScanFixtures.schemaInvalidDatastream(Files.createDirectories(dir.resolve("bad")));
  }

  private static ContentValidation with(String oscap, Duration timeout) {
    return new ContentValidation(new ValidationSettings(oscap, timeout));
  }

  @Test
  void oscapFindsTheSchemaInvalidDatastreamAndNamesItByItsPackagePath() {
    ContentValidation v = with("oscap", Duration.ofMinutes(2));
    assertThat(v.check(valid, "nine-ds.xml", true)).isNull();
    ContentValidation.Problem p = v.check(invalid, "content/bad-ds.xml", true);
    assertThat(p.check()).isEqualTo("oscap ds sds-validate");
    assertThat(p.message())
        .contains("File 'content/bad-ds.xml' line")
        .contains("extended-components': This element is not expected")
        .contains("checks")
        .doesNotContain(dir.toString());
  }

  @Test
  void withoutOscapVigilsOwnCheckFindsTheMissingChecks() throws IOException {
    ContentValidation v = with("none", Duration.ofMinutes(2));
    assertThat(v.check(valid, "nine-ds.xml", true)).isNull();
    assertThat(v.check(ScanFixtures.SSG_DEBIAN11, "ssg-debian11-ds.xml", true)).isNull();
    ContentValidation.Problem p = v.check(invalid, "bad-ds.xml", true);
    assertThat(p.check()).isEqualTo("Vigil's datastream structure check");
    assertThat(p.message())
        .endsWith("element 'extended-components' is not expected here; expected is (checks)");
    assertThat(with("/no/such/oscap", Duration.ofMinutes(2)).check(invalid, "b.xml", true).check())
        .as("a configured oscap that is not there")
        .isEqualTo("Vigil's datastream structure check");
  }

  @Test
  void aDanglingComponentRefIsFoundByTheOwnCheck() throws IOException {
    Path dangling = dir.resolve("dangling-ds.xml");
    String xml = Files.readString(valid);
    int at = xml.indexOf("xlink:href=\"#") + "xlink:href=\"#".length();
    Files.writeString(dangling, xml.substring(0, at) + "nowhere-" + xml.substring(at));
    ContentValidation.Problem p = with("none", Duration.ofMinutes(1)).check(dangling, "d", true);
    assertThat(p.message())
        .startsWith("component-ref #nowhere-")
        .endsWith("no component of the collection");
  }

  @Test
  void aDataStreamWithoutChecksIsFoundByTheOwnCheck() throws IOException {
    Path without = dir.resolve("no-checks-ds.xml");
    String xml = Files.readString(valid);
    int from = xml.indexOf("<ds:checks>");
    int to = xml.indexOf("</ds:extended-components>") + "</ds:extended-components>".length();
    assertThat(from).isPositive().isLessThan(to);
    Files.writeString(without, xml.substring(0, from) + xml.substring(to));
    ContentValidation.Problem p = with("none", Duration.ofMinutes(1)).check(without, "n", true);
    assertThat(p.message()).endsWith("has no 'checks' element, which is required");
    assertThat(with("oscap", Duration.ofMinutes(1)).check(without, "n", true).check())
        .as("oscap agrees")
        .isEqualTo("oscap ds sds-validate");
  }

  @Test
  void anOscapThatHangsIsStoppedAtTheTimeoutAndTheOwnCheckDecides() throws IOException {
    Path stuck = dir.resolve("stuck-oscap");
    Files.writeString(stuck, "#!/bin/sh\n# test double: an oscap that never answers\nsleep 300\n");
    Files.setPosixFilePermissions(stuck, PosixFilePermissions.fromString("rwxr-xr-x"));
    ContentValidation v = with(stuck.toString(), Duration.ofMillis(500));
    ContentValidation.Problem p = v.check(invalid, "bad-ds.xml", true);
    assertThat(p.check()).isEqualTo("Vigil's datastream structure check");
    assertThat(v.check(valid, "nine-ds.xml", true)).isNull();
    await()
        .atMost(Duration.ofSeconds(10))
        .alias("the stuck oscap's processes are gone")
        .until(
            () -> ProcessHandle.current().descendants().noneMatch(ContentValidationTest::sleeping));
  }

  private static boolean sleeping(ProcessHandle h) {
    return h.info().command().map(c -> c.endsWith("/sleep")).orElse(false);
  }

  @Test
  void anInvalidPlainXccdfBenchmarkIsFoundByOscapXccdfValidate() throws IOException {
    Path xccdf = ScanFixtures.nineResultsXccdf(Files.createDirectories(dir.resolve("x")));
    ContentValidation v = with("oscap", Duration.ofMinutes(1));
    assertThat(v.check(xccdf, "nine-xccdf.xml", false)).isNull();
    Path broken = dir.resolve("broken-xccdf.xml");
    Files.writeString(
        broken,
        Files.readString(xccdf)
            .replaceFirst("<status>", "<state>")
            .replaceFirst("</status>", "</state>"));
    ContentValidation.Problem p = v.check(broken, "broken-xccdf.xml", false);
    assertThat(p.check()).isEqualTo("oscap xccdf validate");
    assertThat(p.message()).contains("broken-xccdf.xml").contains("state");
  }
}
