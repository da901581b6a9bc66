package dev.vigil.notifications;

import dev.vigil.testsupport.ScanFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A datastream of one profile: a rule that passes (OVAL, from the nine-results checks) and an SCE
 * rule that fails while a marker file exists, so a real oscap scan is compliant or non-compliant as
 * the test chooses.
 */
final class NotificationContent {

  static final String PROFILE = "xccdf_dev.vigil_profile_notify-toggle";
  static final String BENCHMARK = "xccdf_dev.vigil_benchmark_notify";

  private NotificationContent() {}

  static Path datastream(Path dir, Path marker) throws IOException, InterruptedException {
    Path source = Files.createDirectories(dir.resolve("notify-source"));
    ScanFixtures.nineResultsXccdf(source);
    Path toggle = source.resolve("toggle.sh");
    Files.writeString(
        toggle,
        "#!/bin/sh\nif [ -e '"
            + marker
            + "' ]; then exit \"$XCCDF_RESULT_FAIL\"; fi\nexit \"$XCCDF_RESULT_PASS\"\n");
    toggle.toFile().setExecutable(true, false);
    Files.writeString(
        source.resolve("notify-xccdf.xml"),
        String.join(
            "\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"",
            "    id=\"" + BENCHMARK + "\" resolved=\"1\" xml:lang=\"en-US\">",
            "  <status>draft</status><title>Vigil notifications</title><version>1</version>",
            "  <Profile id=\"" + PROFILE + "\"><title>Toggle</title>",
            "    <select idref=\"xccdf_dev.vigil_rule_pass\" selected=\"true\"/>",
            "    <select idref=\"xccdf_dev.vigil_rule_toggle\" selected=\"true\"/></Profile>",
            "  <Rule id=\"xccdf_dev.vigil_rule_pass\" selected=\"false\" severity=\"low\">",
            "    <title>Passes</title>",
            "    <check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\">",
            "      <check-content-ref href=\"nine-results-oval.xml\" name=\"oval:dev.vigil:def:1\"/>",
            "    </check></Rule>",
            "  <Rule id=\"xccdf_dev.vigil_rule_toggle\" selected=\"false\" severity=\"medium\">",
            "    <title>Fails while the marker exists</title>",
            "    <check system=\"http://open-scap.org/page/SCE\">",
            "      <check-content-ref href=\"toggle.sh\"/></check></Rule>",
            "</Benchmark>",
            ""));
    Path ds = dir.resolve("notify-ds.xml");
    Process p =
        new ProcessBuilder("oscap", "ds", "sds-compose", "notify-xccdf.xml", ds.toString())
            .directory(source.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(ds)) {
      throw new IllegalStateException("sds-compose failed: " + out);
    }
    return ds;
  }
}
