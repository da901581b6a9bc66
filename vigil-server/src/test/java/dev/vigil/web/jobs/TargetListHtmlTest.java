package dev.vigil.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The job form's target rows and time zone options: written in one pass, every text escaped. */
class TargetListHtmlTest {

  @Test
  void namesAndLabelsAreEscapedAndChosenTargetsChecked() {
    JobForm form =
        new JobForm(
            "securityScan",
            "n",
            "",
            "",
            true,
            "",
            "",
            "",
            "manual",
            "",
            "UTC",
            "server",
            List.of("2"),
            "30",
            "10",
            "0",
            "90",
            "365");
    String html =
        TargetListHtml.targets(
            List.of(
                new Choice("<script>x</script>", 1L, List.of("a\"b")),
                new Choice("Web-02", 2L, List.of())),
            form);
    assertThat(html)
        .contains("<span>&lt;script&gt;x&lt;/script&gt;</span>")
        .contains("data-labels=\"a&quot;b\"")
        .doesNotContain("<script>")
        .contains("data-name=\"web-02\"")
        .contains("value=\"2\" checked>")
        .contains("value=\"1\">");
  }

  @Test
  void anUnlistedZoneStaysChosen() {
    assertThat(TargetListHtml.zones(List.of("UTC", "Europe/Berlin"), "Europe/Berlin"))
        .isEqualTo(
            "<option value=\"UTC\">UTC</option>"
                + "<option value=\"Europe/Berlin\" selected>Europe/Berlin</option>");
    assertThat(TargetListHtml.zones(List.of("UTC"), "Mars/<Base>"))
        .endsWith("<option value=\"Mars/&lt;Base&gt;\" selected>Mars/&lt;Base&gt;</option>");
  }
}
