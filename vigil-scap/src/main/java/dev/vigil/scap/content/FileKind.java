package dev.vigil.scap.content;

/** What an XML file in SCAP content is, judged by its root element. */
public enum FileKind {
  SOURCE_DATASTREAM,
  XCCDF_BENCHMARK,
  OVAL,
  CPE_DICTIONARY,
  TAILORING,
  OTHER_XML;

  /** True for the kinds that can be scanned: datastreams and XCCDF benchmarks. */
  public boolean isChecklist() {
    return this == SOURCE_DATASTREAM || this == XCCDF_BENCHMARK;
  }
}
