package dev.vigil.compliance;

import dev.vigil.testsupport.ScanFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A datastream with one profile per compliance outcome, built from the nine-results checks: only a
 * passing rule, a passing rule plus one that fails while a marker file exists, only a rule whose
 * platform no machine has, a rule that errs, a passing rule plus an SCE check that returns unknown,
 * and only a rule whose check system oscap does not know (notchecked). Each profile's title is its
 * id's last word, capitalised ("Profile unknown").
 */
final class ComplianceContent {

  static final String PASS = "xccdf_dev.vigil_profile_compliance-pass";
  static final String TOGGLE = "xccdf_dev.vigil_profile_compliance-toggle";
  static final String NA = "xccdf_dev.vigil_profile_compliance-na";
  static final String ERRING = "xccdf_dev.vigil_profile_compliance-erring";
  static final String UNKNOWN = "xccdf_dev.vigil_profile_compliance-unknown";
  static final String NOTCHECKED = "xccdf_dev.vigil_profile_compliance-notchecked";
  static final String BENCHMARK = "xccdf_dev.vigil_benchmark_compliance";
  static final String BENCHMARK_TITLE = "Vigil compliance outcomes";

  private ComplianceContent() {}

  /** Writes the datastream into {@code dir}; the toggle rule fails while {@code marker} exists. */
  static Path datastream(Path dir, Path marker) throws IOException, InterruptedException {
    Path source = Files.createDirectories(dir.resolve("compliance-source"));
    ScanFixtures.nineResultsXccdf(source);
    Path toggle = source.resolve("toggle.sh");
    Files.writeString(
        toggle,
        "#!/bin/sh\nif [ -e '"
            + marker
            + "' ]; then exit \"$XCCDF_RESULT_FAIL\"; fi\nexit \"$XCCDF_RESULT_PASS\"\n");
    toggle.toFile().setExecutable(true, false);
    Files.writeString(source.resolve("compliance-xccdf.xml"), xccdf());
    Path ds = dir.resolve("compliance-ds.xml");
    Process p =
        new ProcessBuilder("oscap", "ds", "sds-compose", "compliance-xccdf.xml", ds.toString())
            .directory(source.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(ds)) {
      throw new IllegalStateException("sds-compose failed: " + out);
    }
    return ds;
  }

  private static String xccdf() {
    return String.join(
        "\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"",
        "    id=\"" + BENCHMARK + "\" resolved=\"1\" xml:lang=\"en-US\">",
        "  <status>draft</status><title>" + BENCHMARK_TITLE + "</title><version>1</version>",
        profile(PASS, "pass"),
        profile(TOGGLE, "pass", "toggle"),
        profile(NA, "notapplicable"),
        profile(ERRING, "error"),
        profile(UNKNOWN, "pass", "unknown"),
        profile(NOTCHECKED, "notchecked"),
        "  <Rule id=\"xccdf_dev.vigil_rule_pass\" selected=\"false\" severity=\"low\">",
        "    <title>Passes</title>",
        "    <check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\">",
        "      <check-content-ref href=\"nine-results-oval.xml\" name=\"oval:dev.vigil:def:1\"/>",
        "    </check></Rule>",
        sce("toggle", "Fails while the marker exists", "toggle.sh", ""),
        sce(
            "notapplicable",
            "Applies to no machine",
            "pass.sh",
            "<platform idref=\"cpe:/a:vigil.dev:no-such-platform\"/>"),
        sce("error", "Always errs", "error.sh", ""),
        sce("unknown", "Always unknown", "unknown.sh", ""),
        "  <Rule id=\"xccdf_dev.vigil_rule_notchecked\" selected=\"false\" severity=\"low\">",
        "    <title>Uses a check system oscap does not know</title>",
        "    <check system=\"urn:dev.vigil:no-such-check-system\">",
        "      <check-content>nothing oscap can run</check-content>",
        "    </check></Rule>",
        "</Benchmark>",
        "");
  }

  private static String profile(String id, String... rules) {
    StringBuilder b =
        new StringBuilder("  <Profile id=\"" + id + "\"><title>" + title(id) + "</title>");
    for (String r : rules) {
      // one select a line: this oscap skips a select that follows another without whitespace
      b.append("\n    <select idref=\"xccdf_dev.vigil_rule_")
          .append(r)
          .append("\" selected=\"true\"/>");
    }
    return b.append("</Profile>").toString();
  }

  /** The profile's title: "Profile " and the last word of its id. */
  static String title(String profileId) {
    return "Profile " + profileId.substring(profileId.lastIndexOf('-') + 1);
  }

  private static String sce(String id, String title, String script, String platform) {
    return "  <Rule id=\"xccdf_dev.vigil_rule_"
        + id
        + "\" selected=\"false\" severity=\"medium\"><title>"
        + title
        + "</title>"
        + platform
        + "<check system=\"http://open-scap.org/page/SCE\"><check-content-ref href=\""
        + script
        + "\"/></check></Rule>";
  }
}
