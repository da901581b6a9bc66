package dev.vigil.results;

import dev.vigil.packages.PackageService;
import dev.vigil.scap.content.RuleText;
import dev.vigil.scap.content.RuleTexts;
import dev.vigil.scap.content.ScapContentException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The description, rationale and fix texts of a scan's rules, read from the scanned package
 * version's checklist (unpacked once per version by {@link PackageService}) and kept for the last
 * {@link #CACHED} checklists read: a package version never changes, so neither do its texts.
 * Concurrent first reads of one checklist wait for a single read.
 */
@Service
public class ScanRuleTexts {

  /** How many (package version, checklist) text sets are kept in memory. */
  static final int CACHED = 4;

  private static final Logger log = LoggerFactory.getLogger(ScanRuleTexts.class);

  private record Key(long versionId, String checklistPath) {}

  /** Why the texts of a checklist cannot be shown; not cached, the next view tries again. */
  private static final class Unavailable extends RuntimeException {
    Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }

  private final PackageService packages;
  private final Map<Key, CompletableFuture<Map<String, RuleText>>> cache =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<Key, CompletableFuture<Map<String, RuleText>>> eldest) {
          return size() > CACHED;
        }
      };

  ScanRuleTexts(PackageService packages) {
    this.packages = packages;
  }

  /** The texts of every rule of the scan's checklist, or why they cannot be shown. */
  public ScanTexts of(SecurityScan scan) {
    if (scan.packageVersionId() == null || scan.checklistPath() == null) {
      return ScanTexts.unavailable("the scanned package version is no longer available");
    }
    Key key = new Key(scan.packageVersionId(), scan.checklistPath());
    CompletableFuture<Map<String, RuleText>> mine = new CompletableFuture<>();
    CompletableFuture<Map<String, RuleText>> entry;
    synchronized (cache) {
      entry = cache.putIfAbsent(key, mine);
    }
    if (entry == null) {
      entry = mine;
      try {
        mine.complete(read(key, scan.id()));
      } catch (RuntimeException e) {
        synchronized (cache) {
          cache.remove(key, mine);
        }
        mine.completeExceptionally(e);
      }
    }
    try {
      return new ScanTexts(entry.join(), null);
    } catch (CompletionException e) {
      if (e.getCause() instanceof Unavailable u) {
        return ScanTexts.unavailable(u.getMessage());
      }
      throw e;
    }
  }

  private Map<String, RuleText> read(Key key, long scanId) {
    Optional<Path> file;
    try {
      file = packages.versionChecklistFile(key.versionId(), key.checklistPath());
    } catch (RuntimeException e) {
      log.warn("rule texts of scan {}: cannot unpack its checklist: {}", scanId, e.toString());
      throw new Unavailable("the scanned package version could not be read");
    }
    if (file.isEmpty()) {
      throw new Unavailable("the scanned package version is no longer available");
    }
    try {
      return RuleTexts.read(file.get(), null);
    } catch (ScapContentException e) {
      log.warn("rule texts of scan {}: {}", scanId, e.getMessage());
      throw new Unavailable("the checklist could not be read: " + e.getMessage());
    }
  }
}
