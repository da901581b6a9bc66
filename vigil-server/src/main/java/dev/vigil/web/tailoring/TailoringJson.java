package dev.vigil.web.tailoring;

import dev.vigil.tailoring.SecurityTailoring;
import dev.vigil.tailoring.TailoringInput;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The typed bodies of {@code /api/security-tailorings}, in Morpheus envelopes. */
final class TailoringJson {

  private TailoringJson() {}

  /** {@code {"securityTailoring": {...}}} as sent. */
  @Schema(name = "TailoringRequest")
  record Request(Body securityTailoring) {}

  /** A reference by id: {@code {"id": 5}}. */
  @Schema(name = "TailoringRef")
  record Ref(Long id) {}

  /** The fields a client sets; on update a missing field is unchanged. */
  @Schema(name = "TailoringBody")
  record Body(
      String name,
      String description,
      String title,
      Ref securityPackage,
      String scanPath,
      String baseProfile,
      String profileId,
      Map<String, Boolean> rules,
      Map<String, String> values) {

    TailoringInput input() {
      return new TailoringInput(
          name,
          description,
          title,
          securityPackage == null ? null : securityPackage.id(),
          scanPath,
          baseProfile,
          profileId,
          rules,
          values);
    }
  }

  /** A package as a tailoring names it. */
  @Schema(name = "TailoringPackageRef")
  record PackageRef(long id, String name) {}

  /** One tailoring. */
  @Schema(name = "Tailoring")
  record Tailoring(
      long id,
      String name,
      String description,
      String title,
      PackageRef securityPackage,
      String scanPath,
      String baseProfile,
      String profileId,
      int version,
      Map<String, Boolean> rules,
      Map<String, String> values,
      List<String> problems,
      Long checkedPackageVersionId,
      String createdBy,
      String dateCreated,
      String lastUpdated) {

    static Tailoring of(SecurityTailoring t, String packageName) {
      return new Tailoring(
          t.id(),
          t.name(),
          t.description(),
          t.profile().title(),
          new PackageRef(t.packageId(), packageName),
          t.scanPath(),
          t.baseProfile(),
          t.profileId(),
          t.versionNo(),
          t.profile().rules(),
          t.profile().values(),
          t.problems(),
          t.checkedVersionId(),
          t.createdBy(),
          t.createdAt() == null ? null : t.createdAt().toString(),
          t.updatedAt() == null ? null : t.updatedAt().toString());
    }
  }

  /** {@code {"securityTailoring": {...}}}. */
  @Schema(name = "TailoringOne")
  record One(Tailoring securityTailoring) {}

  /** {@code {"success": true, "securityTailoring": {...}}} after a change. */
  @Schema(name = "TailoringSaved")
  record Saved(boolean success, Tailoring securityTailoring) {}

  /** {@code {"securityTailorings": [...], "meta": {...}}}. */
  @Schema(name = "TailoringPage")
  record Page(List<Tailoring> securityTailorings, Meta meta) {}
}
