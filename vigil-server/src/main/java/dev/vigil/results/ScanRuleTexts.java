package dev.vigil.results;

import dev.vigil.packages.PackageService;
import dev.vigil.scap.content.RuleText;
import dev.vigil.scap.content.RuleTexts;
import dev.vigil.scap.content.ScapContentException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The description, rationale and fix texts of a scan's rules, read from the scanned package
 * version's checklist (unpacked once per version by {@link PackageService}) and kept for the last
 * {@link #CACHED} checklists read: a package version never changes, so neither do its texts.
 */
@Service
public class ScanRuleTexts {

  /** How many (package version, checklist) text sets are kept in memory. */
  static final int CACHED = 4;

  private static final Logger log = LoggerFactory.getLogger(ScanRuleTexts.class);

  private record Key(long versionId, String checklistPath) {}

  private final PackageService packages;
  private final Map<Key, Map<String, RuleText>> cache =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Map<String, RuleText>> eldest) {
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
    Map<String, RuleText> texts;
    synchronized (cache) {
      texts = cache.get(key);
    }
    if (texts == null) {
      Optional<Path> file;
      try {
        file = packages.versionChecklistFile(key.versionId(), key.checklistPath());
      } catch (RuntimeException e) {
        log.warn("rule texts of scan {}: cannot unpack its checklist: {}", scan.id(), e.toString());
        return ScanTexts.unavailable("the scanned package version could not be read");
      }
      if (file.isEmpty()) {
        return ScanTexts.unavailable("the scanned package version is no longer available");
      }
      try {
        texts = RuleTexts.read(file.get(), null);
      } catch (ScapContentException e) {
        log.warn("rule texts of scan {}: {}", scan.id(), e.getMessage());
        return ScanTexts.unavailable("the checklist could not be read: " + e.getMessage());
      }
      synchronized (cache) {
        cache.put(key, texts);
      }
    }
    return new ScanTexts(texts, null);
  }
}
