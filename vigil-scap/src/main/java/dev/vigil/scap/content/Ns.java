package dev.vigil.scap.content;

/** Namespaces and the root elements that tell SCAP file kinds apart. */
final class Ns {
  static final String DS_12 = "http://scap.nist.gov/schema/scap/source/1.2";
  static final String DS_13 = "http://scap.nist.gov/schema/scap/source/1.3";
  static final String XCCDF_11 = "http://checklists.nist.gov/xccdf/1.1";
  static final String XCCDF_12 = "http://checklists.nist.gov/xccdf/1.2";
  static final String OVAL_DEFS = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
  static final String CPE_DICT = "http://cpe.mitre.org/dictionary/2.0";
  static final String XLINK = "http://www.w3.org/1999/xlink";
  static final String XML = "http://www.w3.org/XML/1998/namespace";

  private Ns() {}

  static boolean isDatastream(String ns) {
    return DS_12.equals(ns) || DS_13.equals(ns);
  }

  static boolean isXccdf(String ns) {
    return XCCDF_12.equals(ns) || XCCDF_11.equals(ns);
  }

  /** The kind of file whose root element has this namespace and local name. */
  static FileKind kindOf(String ns, String local) {
    if (isDatastream(ns) && "data-stream-collection".equals(local)) {
      return FileKind.SOURCE_DATASTREAM;
    }
    if (isXccdf(ns) && "Benchmark".equals(local)) {
      return FileKind.XCCDF_BENCHMARK;
    }
    if (isXccdf(ns) && "Tailoring".equals(local)) {
      return FileKind.TAILORING;
    }
    if (OVAL_DEFS.equals(ns) && "oval_definitions".equals(local)) {
      return FileKind.OVAL;
    }
    if (CPE_DICT.equals(ns) && "cpe-list".equals(local)) {
      return FileKind.CPE_DICTIONARY;
    }
    return FileKind.OTHER_XML;
  }
}
