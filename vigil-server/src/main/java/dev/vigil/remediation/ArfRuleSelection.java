package dev.vigil.remediation;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies an ARF with its TestResult's rule results rewritten so that exactly the chosen rules read
 * {@code fail} and every other rule {@code notselected}: {@code oscap xccdf generate fix
 * --result-id} then yields fixes for the chosen rules only. This is how waived rules are left out,
 * how a subset is chosen, and how an execution's failures on several servers (one benchmark and
 * profile, pinned by the execution) become one script from one ARF. Streams line by line: the ARF
 * may hold a large datastream.
 */
final class ArfRuleSelection {

  private static final Pattern TOKEN =
      Pattern.compile(
          "<(?:[A-Za-z_][\\w.-]*:)?rule-result\\s[^>]*?idref=\"([^\"]+)\""
              + "|<((?:[A-Za-z_][\\w.-]*:)?)result>\\s*([a-z]+)\\s*</\\2result>"
              + "|</(?:[A-Za-z_][\\w.-]*:)?rule-result>");

  private ArfRuleSelection() {}

  /**
   * Copies {@code arf} to {@code out}, the rules in {@code fix} failed, all others not selected.
   */
  static void copy(InputStream arf, OutputStream out, Set<String> fix) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(arf, StandardCharsets.UTF_8));
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    String current = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.indexOf("rule-result") < 0 && (current == null || line.indexOf("result>") < 0)) {
        w.write(line);
        w.write('\n');
        continue;
      }
      Matcher m = TOKEN.matcher(line);
      StringBuilder b = new StringBuilder(line.length());
      while (m.find()) {
        String replacement = m.group();
        if (m.group(1) != null) {
          current = m.group(1);
        } else if (m.group(3) != null && current != null) {
          String p = m.group(2);
          String result = fix.contains(current) ? "fail" : "notselected";
          replacement = "<" + p + "result>" + result + "</" + p + "result>";
        } else if (m.group(3) == null) {
          current = null;
        }
        m.appendReplacement(b, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(b);
      w.write(b.toString());
      w.write('\n');
    }
    w.flush();
  }
}
