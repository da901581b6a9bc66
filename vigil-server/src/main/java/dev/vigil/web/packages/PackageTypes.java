package dev.vigil.web.packages;

import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The only security package type: SCAP Package ({@code scap-package}). */
final class PackageTypes {

  static final long ID = 1;
  static final String CODE = "scap-package";
  static final String NAME = "SCAP Package";

  private PackageTypes() {}

  /** The short reference used inside a package record. */
  @Schema(name = "SecurityPackageTypeRef")
  record TypeRef(long id, String code, String name) {}

  /** The full type record ({@code optionTypes} always empty: the type has no options). */
  record PackageType(
      long id,
      String code,
      String name,
      String description,
      boolean enabled,
      List<TypeRef> optionTypes) {}

  /** {@code GET /api/security-package-types}. */
  record PackageTypeList(List<PackageType> securityPackageTypes, Meta meta) {}

  /** {@code GET /api/security-package-types/{id}}. */
  record PackageTypeOne(PackageType securityPackageType) {}

  static TypeRef ref() {
    return new TypeRef(ID, CODE, NAME);
  }

  static PackageType full() {
    return new PackageType(ID, CODE, NAME, null, true, List.of());
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
