package dev.vigil.web.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.StoredRuleResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules CSV: RFC 4180 quoting, formula cells defused, notselected rules left out. */
class RulesCsvTest {

  @Test
  void quotesCommasQuotesAndLineBreaks() {
    assertThat(RulesCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(RulesCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(RulesCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(RulesCsv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    assertThat(RulesCsv.cell("plain")).isEqualTo("plain");
    assertThat(RulesCsv.cell(null)).isEmpty();
  }

  @Test
  void defusesCellsASpreadsheetWouldRunAsFormulas() {
    assertThat(RulesCsv.cell("=HYPERLINK(\"http://e.invalid\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://e.invalid\"\")\"");
    assertThat(RulesCsv.cell("+1")).isEqualTo("'+1");
    assertThat(RulesCsv.cell("-1+2")).isEqualTo("'-1+2");
    assertThat(RulesCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(RulesCsv.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(RulesCsv.cell("a=1")).isEqualTo("a=1");
  }

  @Test
  void oneLinePerSelectedRuleWithCrlf() {
    String csv =
        RulesCsv.of(
            List.of(
                new StoredRuleResult("r1", "pass", "low", "T, one", List.of("CCE-1", "CVE-2")),
                new StoredRuleResult("r2", "notselected", "high", "T2", List.of()),
                new StoredRuleResult("r3", "fail", "high", "=cmd|' /C calc'!A0", List.of())));
    assertThat(csv)
        .isEqualTo(
            "rule_id,title,severity,result,idents,waived,waiver_id\r\n"
                + "r1,\"T, one\",low,pass,CCE-1 CVE-2,false,\r\n"
                + "r3,'=cmd|' /C calc'!A0,high,fail,,false,\r\n");
  }

  @Test
  void aWaivedFailCarriesItsWaiverAndAPassNever() {
    String csv =
        RulesCsv.of(
            List.of(
                new StoredRuleResult("r1", "pass", "low", "T1", List.of()),
                new StoredRuleResult("r3", "fail", "high", "T3", List.of()),
                new StoredRuleResult("r4", "fail", "high", "T4", List.of())),
            java.util.Map.of("r1", 7L, "r3", 9L));
    assertThat(csv)
        .isEqualTo(
            "rule_id,title,severity,result,idents,waived,waiver_id\r\n"
                + "r1,T1,low,pass,,false,\r\n"
                + "r3,T3,high,fail,,true,9\r\n"
                + "r4,T4,high,fail,,false,\r\n");
  }
}
