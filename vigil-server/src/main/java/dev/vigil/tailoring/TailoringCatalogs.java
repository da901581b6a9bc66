package dev.vigil.tailoring;

import dev.vigil.packages.PackageService;
import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.tailoring.ChecklistCatalog;
import dev.vigil.shared.ConflictException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The catalogs (profiles, rules, Values) of package versions' checklists, read once per (version,
 * checklist) on this node and kept for the few most recently used: a version never changes.
 */
@Component
class TailoringCatalogs {

  private static final int KEEP = 4;

  private record Key(long versionId, String path) {}

  private final PackageService packages;
  private final Map<Key, ChecklistCatalog> cache =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ChecklistCatalog> eldest) {
          return size() > KEEP;
        }
      };

  TailoringCatalogs(PackageService packages) {
    this.packages = packages;
  }

  /**
   * The catalog of checklist {@code path} of package version {@code versionId}.
   *
   * @throws ConflictException when the version or checklist is gone or cannot be read
   */
  ChecklistCatalog of(long versionId, String path) {
    Key key = new Key(versionId, path);
    synchronized (cache) {
      ChecklistCatalog c = cache.get(key);
      if (c != null) {
        return c;
      }
    }
    Path file =
        packages
            .versionChecklistFile(versionId, path)
            .orElseThrow(
                () ->
                    new ConflictException(
                        "checklist " + path + " is not in package version " + versionId));
    ChecklistCatalog read;
    try {
      read = ChecklistCatalog.read(file);
    } catch (ScapContentException e) {
      throw new ConflictException("checklist " + path + " cannot be read: " + e.getMessage());
    }
    synchronized (cache) {
      cache.put(key, read);
    }
    return read;
  }
}
