package dev.vigil.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArfRuleSelectionTest {

  private static String select(String arf, Set<String> fix) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArfRuleSelection.copy(new ByteArrayInputStream(arf.getBytes(StandardCharsets.UTF_8)), out, fix);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onlyTheChosenRulesReadFailedAndEveryOtherRuleIsNotSelected() throws Exception {
    String arf =
        String.join(
            "\n",
            "<TestResult id=\"t\">",
            "  <rule-result idref=\"r1\" role=\"full\">",
            "    <result>fail</result>",
            "  </rule-result>",
            "  <rule-result idref=\"r2\" role=\"full\">",
            "    <result>fail</result>",
            "  </rule-result>",
            "  <rule-result idref=\"r3\"><result>pass</result></rule-result>",
            "  <xccdf:rule-result idref=\"r4\"><xccdf:result>pass</xccdf:result></xccdf:rule-result>",
            "</TestResult>",
            "");
    String out = select(arf, Set.of("r1", "r4"));
    assertThat(out)
        .contains("idref=\"r1\" role=\"full\">\n    <result>fail</result>")
        .contains("idref=\"r2\" role=\"full\">\n    <result>notselected</result>")
        .contains("<rule-result idref=\"r3\"><result>notselected</result></rule-result>")
        .contains("<xccdf:result>fail</xccdf:result>");
  }

  @Test
  void resultsOutsideRuleResultsAndOtherLinesAreCopiedUnchanged() throws Exception {
    String arf = "<a>\n<result>fail</result>\n<title>x &amp; y</title>\n</a>\n";
    assertThat(select(arf, Set.of())).isEqualTo(arf);
  }
}
