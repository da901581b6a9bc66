package dev.vigil.packages;

import dev.vigil.scheduling.TaskQueue;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.NotFoundException;
import dev.vigil.storage.BlobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security packages: create, change, refresh and delete them; read their versions and index. Saving
 * returns at once; fetching and indexing run as a background task ({@link PackageFetchTask}).
 */
@Service
public class PackageService {

  private final PackageRepository packages;
  private final VersionRepository versions;
  private final BlobStore blobs;
  private final TaskQueue tasks;
  private final List<PackageUsage> usages;
  private final ChecklistFileCache files;
  private final Clock clock;

  PackageService(
      PackageRepository packages,
      VersionRepository versions,
      BlobStore blobs,
      TaskQueue tasks,
      List<PackageUsage> usages,
      ChecklistFileCache files,
      Clock clock) {
    this.packages = packages;
    this.versions = versions;
    this.blobs = blobs;
    this.tasks = tasks;
    this.usages = usages;
    this.files = files;
    this.clock = clock;
  }

  /** Saves a new package as pending and queues its first fetch. */
  @Transactional
  public SecurityPackage create(PackageInput in, String createdBy) {
    PackageValidator.validate(
        in, true, in.name() != null && packages.nameTaken(in.name().trim(), null));
    Instant now = clock.instant();
    SecurityPackage draft =
        new SecurityPackage(
            0,
            UUID.randomUUID().toString(),
            in.name().trim(),
            blankToNull(in.description()),
            in.url().trim(),
            in.enabled() == null || in.enabled(),
            sha(in.expectedSha256()),
            Boolean.TRUE.equals(in.acceptInvalid()),
            labels(in.labels()),
            PackageStatus.PENDING,
            "queued",
            null,
            createdBy,
            now,
            now);
    long id = packages.insert(draft);
    queueFetch(id, now);
    return get(id);
  }

  /**
   * Changes a package; a new URL, expected sha256 or invalid-content choice queues a fresh fetch.
   */
  @Transactional
  public SecurityPackage update(long id, PackageInput in) {
    SecurityPackage current = lock(id);
    boolean taken = in.name() != null && packages.nameTaken(in.name().trim(), id);
    PackageValidator.validate(in, false, taken);
    Instant now = clock.instant();
    SecurityPackage changed =
        current.withDetails(
            in.name() == null ? current.name() : in.name().trim(),
            in.description() == null ? current.description() : blankToNull(in.description()),
            in.url() == null ? current.url() : in.url().trim(),
            in.enabled() == null ? current.enabled() : in.enabled(),
            in.expectedSha256() == null ? current.expectedSha256() : sha(in.expectedSha256()),
            in.acceptInvalid() == null ? current.acceptInvalid() : in.acceptInvalid(),
            in.labels() == null ? current.labels() : labels(in.labels()),
            now);
    boolean refetch =
        !changed.url().equals(current.url())
            || !Objects.equals(changed.expectedSha256(), current.expectedSha256())
            || changed.acceptInvalid() != current.acceptInvalid();
    if (refetch && !changed.status().inProgress()) {
      changed = changed.requeue(now);
      queueFetch(id, now);
    }
    packages.update(changed);
    return get(id);
  }

  /** Fetches the package again; a new version is made only when the content changed. */
  @Transactional
  public SecurityPackage refresh(long id) {
    SecurityPackage current = lock(id);
    if (current.status().inProgress()) {
      throw new ConflictException(
          "Security package " + current.name() + " is already " + current.status().code());
    }
    Instant now = clock.instant();
    packages.update(current.requeue(now));
    queueFetch(id, now);
    return get(id);
  }

  /**
   * Deletes a package, its versions and the blobs only it used; refused while something uses it.
   */
  @Transactional
  public void delete(long id) {
    SecurityPackage current = lock(id);
    List<String> users = usages.stream().flatMap(u -> u.usersOf(id).stream()).toList();
    if (!users.isEmpty()) {
      throw new ConflictException(
          "Security package " + current.name() + " is in use by " + String.join(", ", users));
    }
    List<String> orphanBlobs = versions.blobsOnlyUsedBy(id);
    packages.delete(id);
    orphanBlobs.forEach(blobs::delete);
  }

  public SecurityPackage get(long id) {
    return packages.find(id).orElseThrow(() -> new NotFoundException("Security package", id));
  }

  public List<SecurityPackage> list(PackageQuery query) {
    return packages.list(query);
  }

  public long count(PackageQuery query) {
    return packages.count(query);
  }

  /** The version a package currently serves, if it was ever fetched. */
  public java.util.Optional<PackageVersion> currentVersion(SecurityPackage p) {
    return p.currentVersionId() == null
        ? java.util.Optional.empty()
        : versions.find(p.currentVersionId());
  }

  /** Every version of a package, newest first. */
  public List<PackageVersion> versions(long id) {
    get(id);
    return versions.versions(id);
  }

  /** The checklists of the package's current version; empty before the first successful fetch. */
  public List<Checklist> checklists(long id) {
    SecurityPackage p = get(id);
    return p.currentVersionId() == null ? List.of() : versions.checklists(p.currentVersionId());
  }

  /** The files of the package's current version with their kinds. */
  public List<PackageFile> files(long id) {
    SecurityPackage p = get(id);
    return p.currentVersionId() == null ? List.of() : versions.files(p.currentVersionId());
  }

  /**
   * The checklist at {@code path} of the package's current version, with {@code profileId} checked
   * against its index (null = no profile).
   */
  public Checklist checklist(long packageId, String path, String profileId) {
    return pick(checklists(packageId), path, profileId, "security package " + packageId);
  }

  private static Checklist pick(
      List<Checklist> checklists, String path, String profileId, String where) {
    Checklist c =
        checklists.stream()
            .filter(x -> x.path().equals(path))
            .findFirst()
            .orElseThrow(
                () ->
                    new dev.vigil.shared.InvalidInputException(
                        "scanPath", "no checklist " + path + " in " + where));
    if (profileId != null && c.profiles().stream().noneMatch(pr -> pr.id().equals(profileId))) {
      throw new dev.vigil.shared.InvalidInputException(
          "securityProfile", "no profile " + profileId + " in checklist " + path);
    }
    return c;
  }

  /**
   * The checklist at {@code path} of the package's current version as a local file ready to be
   * scanned, unpacked once per version on this node and shared by every scan of it: callers must
   * not modify or delete the file.
   */
  public ChecklistFile checklistFile(long packageId, String path) {
    return checklistFile(packageId, path, null);
  }

  /**
   * As {@link #checklistFile(long, String)}, with {@code profileId} checked against the checklist's
   * index (null = no profile).
   */
  public ChecklistFile checklistFile(long packageId, String path, String profileId) {
    SecurityPackage p = get(packageId);
    Checklist c = checklist(packageId, path, profileId);
    PackageVersion v =
        currentVersion(p).orElseThrow(() -> new ConflictException("package has no version"));
    java.nio.file.Path file = files.file(v, path);
    return new ChecklistFile(p.id(), p.name(), v.id(), file, files.sha256(file), c);
  }

  /**
   * The checklist at {@code path} of package version {@code versionId} (which an execution pinned)
   * as a local file ready to be scanned, with {@code profileId} checked against its index; shared
   * like {@link #checklistFile(long, String)}.
   *
   * @throws NotFoundException when the version was deleted
   * @throws dev.vigil.shared.InvalidInputException when the version has no such checklist or
   *     profile
   */
  public ChecklistFile checklistFileOfVersion(long versionId, String path, String profileId) {
    PackageVersion v =
        versions
            .find(versionId)
            .orElseThrow(() -> new NotFoundException("package version", versionId));
    SecurityPackage p = get(v.packageId());
    Checklist c = checklistOfVersion(versionId, path, profileId);
    java.nio.file.Path file = files.file(v, path);
    return new ChecklistFile(p.id(), p.name(), v.id(), file, files.sha256(file), c);
  }

  /**
   * The checklist at {@code path} of a version an execution's plan pinned, as a local file, named
   * with the package name the plan recorded. A version never changes (nor is deleted while an
   * execution pins it), so its row and checklist index are read once per node and kept (the {@value
   * #PINNED_VERSIONS} most recently used versions): a target run reads neither the package nor the
   * index again.
   */
  public ChecklistFile pinnedChecklistFile(
      long packageId, String packageName, long versionId, String path, String profileId) {
    Pinned p = pinned(versionId);
    Checklist c = pick(p.checklists(), path, profileId, "package version " + versionId);
    java.nio.file.Path file = files.file(p.version(), path);
    return new ChecklistFile(packageId, packageName, versionId, file, files.sha256(file), c);
  }

  /** As {@link #checklistOfVersion}, from the per-node copy of a pinned version's index. */
  public Checklist pinnedChecklist(long versionId, String path, String profileId) {
    return pick(pinned(versionId).checklists(), path, profileId, "package version " + versionId);
  }

  /** Versions whose index {@link #pinnedChecklistFile} keeps. */
  static final int PINNED_VERSIONS = 32;

  private record Pinned(PackageVersion version, List<Checklist> checklists) {}

  private final Map<Long, Pinned> pinnedVersions =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Pinned> eldest) {
              return size() > PINNED_VERSIONS;
            }
          });

  private Pinned pinned(long versionId) {
    Pinned p = pinnedVersions.get(versionId);
    if (p == null) {
      PackageVersion v =
          versions
              .find(versionId)
              .orElseThrow(() -> new NotFoundException("package version", versionId));
      p = new Pinned(v, List.copyOf(versions.checklists(versionId)));
      pinnedVersions.put(versionId, p);
    }
    return p;
  }

  /** The checklist at {@code path} of package version {@code versionId}, its profile checked. */
  public Checklist checklistOfVersion(long versionId, String path, String profileId) {
    return pick(versions.checklists(versionId), path, profileId, "package version " + versionId);
  }

  /** A version of a package, if it exists. */
  public java.util.Optional<PackageVersion> version(long versionId) {
    return versions.find(versionId);
  }

  /**
   * The checklist at {@code path} of package version {@code versionId} as a local file (unpacked
   * once per version, shared: callers must not modify it); empty when the version is gone or has no
   * such checklist.
   */
  public java.util.Optional<java.nio.file.Path> versionChecklistFile(long versionId, String path) {
    java.util.Optional<PackageVersion> v = versions.find(versionId);
    if (v.isEmpty()
        || versions.checklists(versionId).stream().noneMatch(c -> c.path().equals(path))) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(files.file(v.get(), path));
  }

  private SecurityPackage lock(long id) {
    return packages
        .findForUpdate(id)
        .orElseThrow(() -> new NotFoundException("Security package", id));
  }

  private void queueFetch(long id, Instant now) {
    tasks.enqueue(PackageFetchTask.NAME, PackageFetchTask.instanceId(id, now));
  }

  private static List<String> labels(List<String> labels) {
    return labels == null
        ? List.of()
        : labels.stream().flatMap(l -> Stream.of(l.trim())).distinct().toList();
  }

  private static String sha(String sha256) {
    return sha256 == null || sha256.isBlank() ? null : sha256.trim().toLowerCase();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
