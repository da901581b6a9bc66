package dev.vigil.results.compare;

import dev.vigil.testsupport.ScanFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Variants of the nine-results benchmark with known differences, for comparisons: evaluated with a
 * real {@code oscap xccdf eval}, the "after" variant against the original yields exactly one
 * pass→fail (rule_pass), one fail→pass (rule_fail), two new (rule_notselected, now selected, and
 * rule_added), two gone (rule_error, removed, and rule_unknown, deselected) and one other
 * (rule_informational, now an error).
 */
final class CompareContent {

  static final String RULE = "xccdf_dev.vigil_rule_";
  static final String OTHER_BENCHMARK = "xccdf_dev.vigil_benchmark_other";

  private CompareContent() {}

  /** Writes the "after" variant beside the nine-results XCCDF and its scripts in {@code dir}. */
  static Path after(Path dir) throws IOException {
    Path base = ScanFixtures.nineResultsXccdf(dir);
    String xml = Files.readString(base);
    xml = swapCheck(xml, "pass", "fail.sh");
    xml = swapCheck(xml, "fail", "pass.sh");
    xml = swapCheck(xml, "informational", "error.sh");
    xml = removeRule(xml, "error");
    xml = xml.replace(select("unknown", true), select("unknown", false));
    xml =
        xml.replace(
            "</Profile>",
            select("notselected", true) + "\n" + select("added", true) + "\n</Profile>");
    xml =
        xml.replace(
            "</Benchmark>",
            "<Rule id=\""
                + RULE
                + "added\" selected=\"false\" severity=\"low\"><title>Added later</title>"
                + sce("pass.sh")
                + "</Rule></Benchmark>");
    Path out = dir.resolve("after-xccdf.xml");
    Files.writeString(out, xml);
    return out;
  }

  /** The nine-results benchmark under another benchmark id, in {@code dir}. */
  static Path otherBenchmark(Path dir) throws IOException {
    Path base = ScanFixtures.nineResultsXccdf(dir);
    Path out = dir.resolve("other-xccdf.xml");
    Files.writeString(
        out, Files.readString(base).replace(ScanFixtures.NINE_BENCHMARK, OTHER_BENCHMARK));
    return out;
  }

  /** A profile's select; oscap 1.3 skips an element that follows another without whitespace. */
  private static String select(String rule, boolean selected) {
    return "<select idref=\"" + RULE + rule + "\" selected=\"" + selected + "\"/>";
  }

  private static String sce(String script) {
    return "<check system=\"http://open-scap.org/page/SCE\"><check-content-ref href=\""
        + script
        + "\"/></check>";
  }

  /** Replaces the one check of the rule with an SCE check running {@code script}. */
  private static String swapCheck(String xml, String rule, String script) {
    int start = xml.indexOf("<Rule id=\"" + RULE + rule + "\"");
    int end = xml.indexOf("</Rule>", start);
    int checkStart = xml.indexOf("<check ", start);
    int checkEnd = xml.indexOf("</check>", checkStart) + "</check>".length();
    if (start < 0 || checkStart > end) {
      throw new IllegalStateException("no check in rule " + rule);
    }
    return xml.substring(0, checkStart) + sce(script) + xml.substring(checkEnd);
  }

  private static String removeRule(String xml, String rule) {
    String unselected = xml.replace(select(rule, true), "");
    int start = unselected.indexOf("<Rule id=\"" + RULE + rule + "\"");
    int end = unselected.indexOf("</Rule>", start) + "</Rule>".length();
    return unselected.substring(0, start) + unselected.substring(end);
  }
}
