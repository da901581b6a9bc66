package dev.vigil.web.packages;

import dev.vigil.packages.Checklist;
import dev.vigil.packages.PackageFile;
import dev.vigil.packages.PackageInput;
import dev.vigil.packages.PackageVersion;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.scap.content.ProfileInfo;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.web.JsonBody;
import dev.vigil.web.LenientReaders;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Packages as typed records in the Morpheus record shape, plus Vigil's status and version fields;
 * the request body {@code {"securityPackage": {...}}} as a typed record.
 */
final class PackageJson {

  static final String KEY = "securityPackage";

  private PackageJson() {}

  /** A package as the API shows it. */
  record PackageRecord(
      long id,
      String name,
      List<String> labels,
      String description,
      PackageTypes.TypeRef type,
      boolean enabled,
      String url,
      String uuid,
      String status,
      String statusMessage,
      String expectedSha256,
      boolean acceptInvalid,
      VersionRecord currentVersion,
      String createdBy,
      String dateCreated,
      String lastUpdated,
      @Schema(description = "Morpheus's package config; always empty in Vigil")
          Map<String, String> config) {}

  /** A fetched version of a package. */
  record VersionRecord(
      long id,
      int version,
      String sha256,
      String fileName,
      long size,
      String sourceUrl,
      String dateCreated) {}

  /** A checklist (datastream or XCCDF) found in a package. */
  record ChecklistRecord(
      String path,
      String kind,
      String dataStreamId,
      String componentRefId,
      String validationProblem,
      BenchmarkRecord benchmark,
      List<ProfileInfo> profiles) {}

  /** The benchmark of a checklist. */
  record BenchmarkRecord(
      String id,
      String version,
      String title,
      List<String> platforms,
      int ruleCount,
      int defaultRuleCount) {}

  /** A file of a package's archive, with the problem found in it (null when none). */
  record FileRecord(String path, String kind, String problem) {}

  /** {@code GET /api/security-packages}. */
  record PackageList(List<PackageRecord> securityPackages, Meta meta) {}

  /** {@code GET /api/security-packages/{id}}. */
  record PackageOne(PackageRecord securityPackage) {}

  /** A created, updated or refreshed package. */
  record PackageSaved(boolean success, PackageRecord securityPackage) {}

  /** {@code GET /api/security-packages/{id}/versions}. */
  record VersionList(List<VersionRecord> versions) {}

  /** {@code GET /api/security-packages/{id}/checklists}. */
  record ChecklistList(List<ChecklistRecord> checklists, List<FileRecord> files) {}

  /** The fields of {@code {"securityPackage": {...}}}; null means not given (kept on update). */
  @Schema(name = "SecurityPackageRequest")
  record PackageRequest(
      @Size(max = 255, message = "must be at most 255 characters") String name,
      @Size(max = 4000, message = "must be at most 4000 characters") String description,
      String url,
      @Schema(description = "scap-package, or {\"code\": \"scap-package\"}")
          @JsonDeserialize(using = LenientReaders.Code.class)
          String type,
      Boolean enabled,
      String expectedSha256,
      @Schema(description = "a list, or one comma-separated string")
          @JsonDeserialize(using = LenientReaders.Strings.class)
          List<String> labels,
      Boolean acceptInvalid) {}

  /** The body of a create or update. */
  @Schema(name = "SecurityPackageBody")
  record PackageBody(@Valid PackageRequest securityPackage) {}

  static PackageRecord record(SecurityPackage p, PackageVersion current) {
    return new PackageRecord(
        p.id(),
        p.name(),
        p.labels(),
        p.description(),
        PackageTypes.ref(),
        p.enabled(),
        p.url(),
        p.uuid(),
        p.status().code(),
        p.statusMessage(),
        p.expectedSha256(),
        p.acceptInvalid(),
        current == null ? null : version(current),
        p.createdBy(),
        time(p.createdAt()),
        time(p.updatedAt()),
        Map.of());
  }

  static VersionRecord version(PackageVersion v) {
    return new VersionRecord(
        v.id(),
        v.versionNo(),
        v.sha256(),
        v.fileName(),
        v.sizeBytes(),
        v.sourceUrl(),
        time(v.fetchedAt()));
  }

  static ChecklistRecord checklist(Checklist c) {
    return new ChecklistRecord(
        c.path(),
        c.kind(),
        c.dataStreamId(),
        c.componentRefId(),
        c.validationProblem(),
        new BenchmarkRecord(
            c.benchmarkId(),
            c.benchmarkVersion(),
            c.title(),
            c.platforms(),
            c.ruleCount(),
            c.defaultRuleCount()),
        c.profiles());
  }

  static FileRecord file(PackageFile f) {
    return new FileRecord(f.path(), f.kind(), f.problem());
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  static List<ChecklistRecord> checklists(List<Checklist> list) {
    return list.stream().map(PackageJson::checklist).toList();
  }

  /** The package input of a body; 400 naming {@code securityPackage} when it is missing. */
  static PackageInput input(PackageBody body) {
    if (body == null || body.securityPackage() == null) {
      throw JsonBody.missing(KEY);
    }
    PackageRequest r = body.securityPackage();
    if (r.type() != null && !PackageTypes.CODE.equals(r.type())) {
      throw new InvalidInputException(
          "type",
          "unknown security package type '" + r.type() + "'; the only type is scap-package");
    }
    return new PackageInput(
        r.name(),
        r.description(),
        r.url(),
        r.enabled(),
        r.expectedSha256(),
        r.labels(),
        r.acceptInvalid());
  }
}
