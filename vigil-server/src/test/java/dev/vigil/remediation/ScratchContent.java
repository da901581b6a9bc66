package dev.vigil.remediation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Content written for remediation tests, about files in a scratch directory only: SCE checks that
 * look at files there and Bash fixes that touch only those files. Rule a fails until {@code a}
 * exists (its fix makes {@code a} and also {@code d}); b until {@code b} exists; c until {@code c}
 * exists (its fix does not make it: still failing); d passes while {@code d} is absent (newly
 * failing after a's fix). The slow profile's rule's fix marks that it started and sleeps long, for
 * cancels.
 */
final class ScratchContent {

  static final String BENCHMARK = "xccdf_dev.vigil_benchmark_remediation";
  static final String FIX_PROFILE = "xccdf_dev.vigil_profile_remediation-fix";
  static final String SLOW_PROFILE = "xccdf_dev.vigil_profile_remediation-slow";
  static final String RULE = "xccdf_dev.vigil_rule_";
  static final String A = RULE + "a";
  static final String B = RULE + "b";
  static final String C = RULE + "c";
  static final String D = RULE + "d";
  static final String SLOW = RULE + "slow";

  final Path scratch;
  final Path datastream;

  /** The unique duration the slow fix sleeps, to find its process by its command line. */
  final String sleepToken;

  private ScratchContent(Path scratch, Path datastream, String sleepToken) {
    this.scratch = scratch;
    this.datastream = datastream;
    this.sleepToken = sleepToken;
  }

  static ScratchContent write(Path dir) throws IOException, InterruptedException {
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    Path source = Files.createDirectories(dir.resolve("remediation-source"));
    // sds-compose needs one OVAL component: the nine-results content's passing definition
    dev.vigil.testsupport.ScanFixtures.nineResultsXccdf(source);
    String token = "600." + (100000 + ThreadLocalRandom.current().nextInt(900000));
    check(source, "a", "[ -e '" + scratch.resolve("a") + "' ]");
    check(source, "b", "[ -e '" + scratch.resolve("b") + "' ]");
    check(source, "c", "[ -e '" + scratch.resolve("c") + "' ]");
    check(source, "d", "[ ! -e '" + scratch.resolve("d") + "' ]");
    check(source, "slow", "[ -e '" + scratch.resolve("slow-done") + "' ]");
    Files.writeString(source.resolve("remediation-xccdf.xml"), xccdf(scratch, token));
    Path ds = dir.resolve("remediation-ds.xml");
    Process p =
        new ProcessBuilder("oscap", "ds", "sds-compose", "remediation-xccdf.xml", ds.toString())
            .directory(source.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(ds)) {
      throw new IllegalStateException("sds-compose failed: " + out);
    }
    return new ScratchContent(scratch, ds, token);
  }

  private static void check(Path source, String name, String test) throws IOException {
    Path script = source.resolve(name + ".sh");
    Files.writeString(
        script,
        "#!/bin/sh\nif "
            + test
            + "; then exit \"$XCCDF_RESULT_PASS\"; fi\n"
            + "exit \"$XCCDF_RESULT_FAIL\"\n");
    script.toFile().setExecutable(true, false);
  }

  private static String rule(String name, String title, String fix) {
    return String.join(
        "\n",
        "  <Rule id=\"" + RULE + name + "\" selected=\"false\" severity=\"medium\">",
        "    <title>" + title + "</title>",
        fix == null ? "" : "    <fix system=\"urn:xccdf:fix:script:sh\">" + fix + "</fix>",
        "    <check system=\"http://open-scap.org/page/SCE\">",
        "      <check-content-ref href=\"" + name + ".sh\"/></check></Rule>");
  }

  private static String xccdf(Path scratch, String token) {
    String s = scratch.toString();
    return String.join(
        "\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"",
        "    id=\"" + BENCHMARK + "\" resolved=\"1\" xml:lang=\"en-US\">",
        "  <status>draft</status><title>Vigil remediation</title><version>1</version>",
        "  <Profile id=\"" + FIX_PROFILE + "\"><title>Fixable</title>",
        "    <select idref=\"" + A + "\" selected=\"true\"/>",
        "    <select idref=\"" + B + "\" selected=\"true\"/>",
        "    <select idref=\"" + C + "\" selected=\"true\"/>",
        "    <select idref=\"" + D + "\" selected=\"true\"/>",
        "    <select idref=\"" + RULE + "oval\" selected=\"true\"/></Profile>",
        "  <Profile id=\"" + SLOW_PROFILE + "\"><title>Slow fix</title>",
        "    <select idref=\"" + SLOW + "\" selected=\"true\"/></Profile>",
        rule("a", "File a exists", "touch '" + s + "/a' '" + s + "/d'"),
        rule("b", "File b exists", "touch '" + s + "/b'"),
        rule("c", "File c exists", "echo 'c is not made here'"),
        rule("d", "File d is absent", null),
        "  <Rule id=\"" + RULE + "oval\" selected=\"false\"><title>Passes</title>",
        "    <check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\">",
        "      <check-content-ref href=\"nine-results-oval.xml\" name=\"oval:dev.vigil:def:1\"/>",
        "    </check></Rule>",
        rule(
            "slow",
            "Slow fix",
            "touch '" + s + "/slow-started'; sleep " + token + "; touch '" + s + "/slow-done'"),
        "</Benchmark>",
        "");
  }
}
