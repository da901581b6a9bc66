package dev.vigil.tailoring;

import dev.vigil.packages.PackageService;
import dev.vigil.packages.PackageVersion;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.tailoring.ChecklistCatalog;
import dev.vigil.scap.tailoring.TailoredProfile;
import dev.vigil.scap.tailoring.TailoringCheck;
import dev.vigil.scap.tailoring.TailoringReader;
import dev.vigil.scap.tailoring.TailoringWriter;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tailorings of package checklists: made from a typed input or an uploaded XCCDF 1.2 tailoring
 * file, checked against the checklist's profiles, rules and Values before anything is written,
 * versioned on every change, and re-checked against a package's new version when next read: rules
 * that no longer exist are reported on the tailoring, never dropped from it.
 */
@Service
public class TailoringService {

  /** The largest tailoring file kept: it travels inside the scan script, gzip'd. */
  static final int MAX_PACKED_BYTES = 64 * 1024;

  static final int MAX_FILE_BYTES = 1_000_000;
  private static final String FAIL = "Unable to save security tailoring";

  private final TailoringRepository repo;
  private final TailoringCatalogs catalogs;
  private final PackageService packages;
  private final Clock clock;

  TailoringService(
      TailoringRepository repo, TailoringCatalogs catalogs, PackageService packages, Clock clock) {
    this.repo = repo;
    this.catalogs = catalogs;
    this.packages = packages;
    this.clock = clock;
  }

  /** Creates a tailoring at version 1. */
  @Transactional
  public SecurityTailoring create(TailoringInput in, String user) {
    Target t = target(in.packageId(), in.scanPath(), requireName(in.name(), in, null));
    TailoredProfile p = profile(in, null, t);
    Instant now = clock.instant();
    long id = repo.insert(in, p, user, now);
    save(id, 1, in.name().strip(), blankToNull(in.description()), p, t, user, now);
    return get(id);
  }

  /** Creates a tailoring from an uploaded XCCDF 1.2 tailoring file. */
  @Transactional
  public SecurityTailoring upload(
      String name, String description, Long packageId, String scanPath, byte[] file, String user) {
    TailoredProfile p = read(file);
    return create(
        new TailoringInput(
            name == null || name.isBlank() ? p.title() : name,
            description == null || description.isBlank() ? p.description() : description,
            p.title(),
            packageId,
            scanPath,
            p.extendsProfile(),
            p.profileId(),
            p.rules(),
            p.values()),
        user);
  }

  /**
   * Changes a tailoring: a new version, the previous ones kept for the executions that pinned them.
   */
  @Transactional
  public SecurityTailoring update(long id, TailoringInput in, String user) {
    SecurityTailoring cur = get(id);
    String name = in.name() == null ? cur.name() : requireName(in.name(), in, id);
    Target t = target(cur.packageId(), cur.scanPath(), name);
    if (in.name() != null && repo.nameTaken(cur.packageId(), cur.scanPath(), name, id)) {
      throw new InvalidInputException(FAIL, Map.of("name", "must be unique for this checklist"));
    }
    TailoredProfile p = profile(in, cur.profile(), t);
    String description =
        in.description() == null ? cur.description() : blankToNull(in.description());
    save(id, cur.versionNo() + 1, name, description, p, t, user, clock.instant());
    return get(id);
  }

  /** The tailoring, re-checked first when its package has a newer version than last checked. */
  @Transactional
  public SecurityTailoring get(long id) {
    SecurityTailoring t =
        repo.find(id).orElseThrow(() -> new NotFoundException("Security tailoring", id));
    Long current = packages.get(t.packageId()).currentVersionId();
    if (current != null && !current.equals(t.checkedVersionId())) {
      repo.recordCheck(id, current, recheck(t, current));
      t = repo.find(id).orElseThrow();
    }
    return t;
  }

  public List<SecurityTailoring> list(Long packageId, String phrase, int max, int offset) {
    return repo.list(packageId, phrase, max, offset).stream().map(t -> get(t.id())).toList();
  }

  public long count(Long packageId, String phrase) {
    return repo.count(packageId, phrase);
  }

  /** A version of a tailoring, as an execution pinned it. */
  public TailoringVersion version(long id, int versionNo) {
    return repo.version(id, versionNo)
        .orElseThrow(
            () -> new NotFoundException("Security tailoring version", id + "/" + versionNo));
  }

  /** What version {@code versionNo} of a tailoring changes, empty when it is gone. */
  public java.util.Optional<TailoredProfile> changes(long id, int versionNo) {
    return repo.version(id, versionNo).map(v -> TailoringRepository.parse(v.document(), id));
  }

  /** The current version's XCCDF 1.2 tailoring file. */
  public TailoringVersion file(long id) {
    SecurityTailoring t = get(id);
    return version(id, t.versionNo());
  }

  /** The catalog of a package's current checklist, for the editor. */
  public ChecklistCatalog catalog(long packageId, String scanPath) {
    return catalogs.of(target(packageId, scanPath, "x").version().id(), scanPath);
  }

  private List<String> recheck(SecurityTailoring t, long versionId) {
    ChecklistCatalog c;
    try {
      c = catalogs.of(versionId, t.scanPath());
    } catch (ConflictException e) {
      return List.of(e.getMessage());
    }
    List<String> out = new ArrayList<>();
    PackageVersion v = packages.version(versionId).orElse(null);
    String where = v == null ? "the package's current version" : "package version " + v.versionNo();
    for (String rule : TailoringCheck.missingRules(t.profile(), c)) {
      out.add("rule " + rule + " no longer exists in " + where);
    }
    Map<String, String> problems = TailoringCheck.problems(t.profile(), c);
    if (problems.containsKey("baseProfile")) {
      out.add(0, problems.get("baseProfile") + " (" + where + ")");
    }
    if (problems.containsKey("values")) {
      out.add(problems.get("values") + " (" + where + ")");
    }
    return out;
  }

  private record Target(SecurityPackage pkg, PackageVersion version, ChecklistCatalog catalog) {}

  private Target target(Long packageId, String scanPath, String name) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (packageId == null) {
      errors.put("securityPackage", "is required: {\"id\": <package id>}");
    }
    if (scanPath == null || scanPath.isBlank()) {
      errors.put("scanPath", "is required: the checklist's path in the package");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(FAIL, errors);
    }
    SecurityPackage pkg;
    try {
      pkg = packages.get(packageId);
    } catch (NotFoundException e) {
      throw new InvalidInputException(
          FAIL, Map.of("securityPackage", "no security package " + packageId));
    }
    PackageVersion v =
        packages
            .currentVersion(pkg)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        FAIL,
                        Map.of(
                            "securityPackage", "package " + pkg.name() + " has no content yet")));
    try {
      packages.checklistOfVersion(v.id(), scanPath, null);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          FAIL, Map.of("scanPath", "no checklist " + scanPath + " in package " + pkg.name()));
    }
    return new Target(pkg, v, catalogs.of(v.id(), scanPath));
  }

  private String requireName(String name, TailoringInput in, Long id) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(FAIL, Map.of("name", "is required"));
    }
    if (name.strip().length() > 255) {
      throw new InvalidInputException(FAIL, Map.of("name", "must be at most 255 characters"));
    }
    if (id == null
        && in.packageId() != null
        && in.scanPath() != null
        && repo.nameTaken(in.packageId(), in.scanPath(), name.strip(), null)) {
      throw new InvalidInputException(FAIL, Map.of("name", "must be unique for this checklist"));
    }
    return name.strip();
  }

  /** The tailored profile of the input (over {@code current} on update), checked. */
  private TailoredProfile profile(TailoringInput in, TailoredProfile current, Target t) {
    String base =
        in.baseProfile() != null
            ? in.baseProfile()
            : current == null ? null : current.extendsProfile();
    if (base == null || base.isBlank()) {
      throw new InvalidInputException(
          FAIL, Map.of("baseProfile", "is required: the id of the profile to tailor"));
    }
    String profileId =
        in.profileId() != null && !in.profileId().isBlank()
            ? in.profileId().strip()
            : current != null ? current.profileId() : derivedId(base, in.name());
    String title =
        in.title() != null
            ? in.title().strip()
            : current != null ? current.title() : defaultTitle(base, in.name(), t);
    String description =
        in.description() != null
            ? in.description().strip()
            : current != null ? current.description() : "";
    Map<String, Boolean> rules =
        in.rules() != null ? in.rules() : current != null ? current.rules() : Map.of();
    Map<String, String> values =
        in.values() != null ? in.values() : current != null ? current.values() : Map.of();
    Map<String, String> errors = new LinkedHashMap<>();
    rules.forEach(
        (k, v) -> {
          if (v == null) errors.put("rules", "rule " + k + " must be true or false");
        });
    values.forEach(
        (k, v) -> {
          if (v == null) errors.put("values", "value " + k + " must be a string");
        });
    if (!errors.isEmpty()) {
      throw new InvalidInputException(FAIL, errors);
    }
    TailoredProfile p =
        new TailoredProfile(profileId, base.strip(), title, description, rules, values);
    errors.putAll(TailoringCheck.problems(p, t.catalog()));
    if (!errors.isEmpty()) {
      throw new InvalidInputException(FAIL + ": " + String.join("; ", errors.values()), errors);
    }
    return p;
  }

  private void save(
      long id,
      int versionNo,
      String name,
      String description,
      TailoredProfile p,
      Target t,
      String user,
      Instant now) {
    String doc =
        TailoringWriter.write(p, "xccdf_dev.vigil_tailoring_" + id, fileName(t), versionNo, now);
    if (doc.length() > MAX_FILE_BYTES || packed(doc) > MAX_PACKED_BYTES) {
      throw new InvalidInputException(
          FAIL,
          Map.of(
              "rules",
              "the tailoring is too large to send to a target (over "
                  + MAX_PACKED_BYTES / 1024
                  + " KiB compressed)"));
    }
    repo.addVersion(id, versionNo, name, description, p, doc, t.version().id(), user, now);
  }

  private static String fileName(Target t) {
    return t.version().fileName();
  }

  private static int packed(String doc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(doc.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.size() * 4 / 3;
  }

  private static TailoredProfile read(byte[] file) {
    if (file == null || file.length == 0) {
      throw new InvalidInputException(FAIL, Map.of("file", "no tailoring file was uploaded"));
    }
    if (file.length > MAX_FILE_BYTES) {
      throw new InvalidInputException(
          FAIL, Map.of("file", "the tailoring file is larger than " + MAX_FILE_BYTES + " bytes"));
    }
    try {
      return TailoringReader.read(new ByteArrayInputStream(file), "the tailoring file");
    } catch (ScapContentException e) {
      throw new InvalidInputException(FAIL + ": " + e.getMessage(), Map.of("file", e.getMessage()));
    }
  }

  private static String derivedId(String base, String name) {
    int i = base.indexOf("_profile_");
    String prefix =
        i > 0 ? base.substring(0, i + "_profile_".length()) : "xccdf_dev.vigil_profile_";
    String slug =
        (name == null ? "tailored" : name)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_|_$", "");
    return prefix + "vigil_" + (slug.isEmpty() ? "tailored" : slug);
  }

  private static String defaultTitle(String base, String name, Target t) {
    String baseTitle = t.catalog().profiles().getOrDefault(base, base);
    return baseTitle + " [tailored: " + (name == null ? "" : name.strip()) + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
