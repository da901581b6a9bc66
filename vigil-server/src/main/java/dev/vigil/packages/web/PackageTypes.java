package dev.vigil.packages.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The only security package type: SCAP Package ({@code scap-package}). */
final class PackageTypes {

  static final long ID = 1;
  static final String CODE = "scap-package";
  static final String NAME = "SCAP Package";

  private PackageTypes() {}

  /** The short reference used inside a package record. */
  static Map<String, Object> ref() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("code", CODE);
    m.put("name", NAME);
    return m;
  }

  /** The full type record. */
  static Map<String, Object> full() {
    Map<String, Object> m = ref();
    m.put("description", null);
    m.put("enabled", true);
    m.put("optionTypes", List.of());
    return m;
  }

  /** True when a name filter matches the type's name or its code (as the Morpheus CLI needs). */
  static boolean matchesName(String name) {
    return name == null || NAME.equalsIgnoreCase(name) || CODE.equalsIgnoreCase(name);
  }

  static boolean matchesPhrase(String phrase) {
    String p = phrase == null ? "" : phrase.toLowerCase();
    return NAME.toLowerCase().contains(p) || CODE.contains(p);
  }
}
