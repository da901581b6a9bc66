package dev.vigil.remediation;

import dev.vigil.results.SecurityScan;
import java.time.Instant;
import java.util.Set;

/**
 * The comment block Vigil puts at the top of a generated script: what it fixes (the scan or
 * execution, benchmark, profile, rules), what it leaves out as waived, and when it was made. Text
 * that came from content or targets is reduced to printable characters, so that it cannot end the
 * comment.
 */
final class ScriptHeader {

  private ScriptHeader() {}

  static String of(
      RemediationContent.Selection sel, SecurityScan source, FixType type, Instant at) {
    StringBuilder b = new StringBuilder();
    line(b, "Vigil remediation (" + type.code() + ") for " + sel.subject());
    line(b, "Benchmark: " + source.benchmarkId() + " " + nonNull(source.benchmarkVersion()));
    String title = source.recorded().profileTitle();
    line(b, "Profile: " + source.profileId() + (title == null ? "" : " (" + title + ")"));
    line(
        b, "Generated: " + at + " by oscap xccdf generate fix from the ARF of scan " + source.id());
    rules(b, "Failed rules fixed here", sel.rules());
    rules(b, "Failed rules left out as waived", sel.waived());
    line(b, "Review before running: fixes change system configuration.");
    return b.toString();
  }

  /** {@code script} with {@code header} after its first line ({@code #!…} or {@code ---}). */
  static String insert(String script, String header) {
    int nl = script.indexOf('\n');
    String first = nl < 0 ? script : script.substring(0, nl + 1);
    if (first.startsWith("#!") || first.startsWith("---")) {
      return first + header + (nl < 0 ? "" : script.substring(nl + 1));
    }
    return header + script;
  }

  private static void rules(StringBuilder b, String what, Set<String> rules) {
    line(b, what + " (" + rules.size() + "):");
    rules.forEach(r -> line(b, "  " + r));
  }

  private static void line(StringBuilder b, String text) {
    b.append("# ").append(text.replaceAll("[^\\p{Print}]", "?")).append('\n');
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
