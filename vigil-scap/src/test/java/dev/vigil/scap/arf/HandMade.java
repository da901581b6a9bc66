package dev.vigil.scap.arf;

/** Small hand-written result files for shapes oscap does not produce itself. */
final class HandMade {
  private HandMade() {}

  /**
   * An ARF with odd prefixes, the TestResult before the benchmark it refers to, a repeated fact and
   * XCCDF-looking elements in a foreign namespace.
   */
  static final String ARF_WITH_ODD_PREFIXES =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <q:asset-report-collection xmlns:q="http://scap.nist.gov/schema/asset-reporting-format/1.1"
          xmlns:z="http://checklists.nist.gov/xccdf/1.2" xmlns:x="urn:not-xccdf">
        <q:reports><q:report id="r"><q:content>
          <z:TestResult id="xccdf_t_testresult_p" start-time="2024-05-06T07:08:09+02:00"
              end-time="2024-05-06T07:09:09+02:00" version="9">
            <z:benchmark id="xccdf_t_benchmark_b" href="#b"/>
            <z:profile idref="xccdf_t_profile_p"/>
            <z:target>host</z:target>
            <z:target-facts>
              <z:fact name="urn:xccdf:fact:x" type="string">first</z:fact>
              <z:fact name="urn:xccdf:fact:x" type="string">second</z:fact>
            </z:target-facts>
            <z:platform idref="cpe:/o:t:os"/>
            <z:rule-result idref="xccdf_t_rule_a" severity="high"><z:result>pass</z:result>
            </z:rule-result>
            <x:rule-result idref="decoy"><x:result>fail</x:result></x:rule-result>
            <z:rule-result idref="xccdf_t_rule_b"><z:result>fail</z:result>
              <z:complex-check operator="AND">
                <z:check system="urn:s"><z:check-content-ref href="f.xml" name="n"/></z:check>
              </z:complex-check>
            </z:rule-result>
            <z:score maximum="10">5</z:score>
          </z:TestResult>
        </q:content></q:report></q:reports>
        <q:report-requests><q:report-request id="c"><q:content>
          <b:Benchmark xmlns:b="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_b">
            <b:version>9</b:version>
            <b:Group id="xccdf_t_group_g"><b:title>Group</b:title>
              <b:Rule id="xccdf_t_rule_a" severity="low"><b:title xml:lang="de">Regel A</b:title>
                <b:title xml:lang="en-US">Rule <b:sub idref="v"/>A</b:title></b:Rule>
              <b:Rule id="xccdf_t_rule_b" severity="low"><b:title>Rule B</b:title></b:Rule>
            </b:Group>
            <x:Rule id="xccdf_t_rule_b"><x:title>Decoy</x:title></x:Rule>
          </b:Benchmark>
        </q:content></q:report-request></q:report-requests>
      </q:asset-report-collection>
      """;

  /** A bare XCCDF 1.1 TestResult with one notapplicable rule and no benchmark in the file. */
  static final String BARE_TEST_RESULT_11 =
      """
      <TestResult xmlns="http://checklists.nist.gov/xccdf/1.1" id="t"
          start-time="2024-01-02T03:04:05" end-time="2024-01-02T03:04:06">
        <rule-result idref="r1"><result>notapplicable</result></rule-result>
        <rule-result idref="r2"><result>notselected</result></rule-result>
      </TestResult>
      """;
}
