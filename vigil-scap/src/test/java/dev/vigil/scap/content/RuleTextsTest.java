package dev.vigil.scap.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule texts come out of benchmarks and datastreams sanitised, with Value substitutions. */
class RuleTextsTest {

  static final Path SSG_DEBIAN11 = Path.of("/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml");

  @TempDir Path dir;

  @Test
  void readsTextsOfTheWantedRulesFromAnXccdfBenchmark() throws Exception {
    Path xccdf =
        Files.writeString(
            dir.resolve("b.xml"),
            """
            <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2"
                xmlns:h="http://www.w3.org/1999/xhtml" id="xccdf_t_benchmark_b" xml:lang="en-US">
              <description>benchmark text</description>
              <Group id="xccdf_t_group_g"><description>group text</description>
                <Rule id="xccdf_t_rule_a" severity="low">
                  <title>A</title>
                  <description xml:lang="de">Deutsch</description>
                  <description xml:lang="en-US">Use <h:code>x</h:code><h:script>pwn()</h:script>
                   <h:img src="x" onerror="pwn()"/> with <sub idref="xccdf_t_value_v"/>.</description>
                  <rationale>Because <h:a href="javascript:pwn()">this</h:a>.</rationale>
                  <fixtext>Set <h:i>it</h:i>.</fixtext>
                  <fix system="urn:xccdf:fix:script:sh">echo '<sub idref="xccdf_t_value_v"/>' &lt;&amp;&gt;</fix>
                  <fix system="urn:xccdf:fix:script:ansible">   </fix>
                </Rule>
                <Rule id="xccdf_t_rule_b"><title>B</title><description>b</description></Rule>
                <Rule id="xccdf_t_rule_c"><title>C</title></Rule>
              </Group>
              <Value id="xccdf_t_value_v" type="string">
                <value selector="other">/other</value><value>/var/log/&lt;x&gt;</value>
              </Value>
            </Benchmark>
            """);

    Map<String, RuleText> texts = RuleTexts.read(xccdf, Set.of("xccdf_t_rule_a", "xccdf_t_rule_c"));

    assertThat(texts).containsOnlyKeys("xccdf_t_rule_a", "xccdf_t_rule_c");
    RuleText a = texts.get("xccdf_t_rule_a");
    assertThat(a.description())
        .startsWith("Use <code>x</code>")
        .endsWith(" with /var/log/&lt;x&gt;.")
        .doesNotContain("pwn", "img", "script", "Deutsch");
    assertThat(a.rationale()).isEqualTo("Because this.");
    assertThat(a.fixtext()).isEqualTo("Set <i>it</i>.");
    assertThat(a.fixes())
        .containsExactly(
            new RuleText.Fix(
                "urn:xccdf:fix:script:sh",
                "<pre>echo &#39;/var/log/&lt;x&gt;&#39; &lt;&amp;&gt;</pre>"));
    assertThat(texts.get("xccdf_t_rule_c"))
        .isEqualTo(new RuleText("", "", "", java.util.List.of()));
    assertThat(RuleTexts.read(xccdf, null))
        .containsOnlyKeys("xccdf_t_rule_a", "xccdf_t_rule_b", "xccdf_t_rule_c");
  }

  @Test
  void readsSsgDatastreamWithCodeAndSubstitutedValues() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(SSG_DEBIAN11) || "true".equals(System.getenv("CI")), "needs ssg-debian");
    Map<String, RuleText> all = RuleTexts.read(SSG_DEBIAN11, null);
    assertThat(all).hasSizeGreaterThan(300);
    RuleText sudo = all.get("xccdf_org.ssgproject.content_rule_sudo_custom_logfile");
    assertThat(sudo.rationale()).isEqualTo("A sudo log file simplifies auditing of sudo commands.");
    assertThat(sudo.fixes())
        .anySatisfy(
            f -> {
              assertThat(f.system()).isEqualTo("urn:xccdf:fix:script:sh");
              assertThat(f.script()).contains("var_sudo_logfile=&#39;/var/log/sudo.log&#39;");
            });
    assertThat(all.values())
        .anySatisfy(t -> assertThat(t.description()).contains("<code>"))
        .allSatisfy(
            t -> {
              assertThat(t.description()).doesNotContain("<script", "\uE000", "[xccdf_");
              assertThat(t.fixes())
                  .allSatisfy(f -> assertThat(f.script()).doesNotContain("\uE000"));
            });
  }

  @Test
  void aDoctypeIsRefusedAndNoFileIsRead() throws Exception {
    Path hostile =
        Files.writeString(
            dir.resolve("h.xml"),
            "<!DOCTYPE b [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">"
                + "<Rule id=\"r\"><description>&x;</description></Rule></Benchmark>");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleTexts.read(hostile, null))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("DOCTYPE")
        .message()
        .doesNotContain("root:");
  }

  @Test
  void aBrokenFileFailsWithAReason() throws Exception {
    Path broken = Files.writeString(dir.resolve("x.xml"), "<Benchmark><Rule id=\"x\">");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleTexts.read(broken, null))
        .isInstanceOf(ScapContentException.class)
        .hasMessageContaining("not well-formed");
  }
}
