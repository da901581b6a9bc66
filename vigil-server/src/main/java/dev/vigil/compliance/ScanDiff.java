package dev.vigil.compliance;

import dev.vigil.results.SecurityScan;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rules whose results changed between two scans of one server and benchmark: {@code before} is
 * the earlier scan (by finish time, then id), {@code after} the later, whatever order they were
 * asked in. Changes come newly failing first, then by severity, then in oscap's order.
 */
public record ScanDiff(SecurityScan before, SecurityScan after, List<ScanDiffRule> changes) {

  static final Comparator<ScanDiffRule> ORDER =
      Comparator.comparing(ScanDiffRule::kind).thenComparingInt(ScanDiffRule::severityRank);

  public ScanDiff {
    changes = changes.stream().sorted(ORDER).toList();
  }

  /** How many rules changed each way; every kind present, zero when none. */
  public Map<ScanDiffKind, Integer> counts() {
    Map<ScanDiffKind, Integer> m = new EnumMap<>(ScanDiffKind.class);
    for (ScanDiffKind k : ScanDiffKind.values()) {
      m.put(k, 0);
    }
    changes.forEach(c -> m.merge(c.kind(), 1, Integer::sum));
    return m;
  }

  /** The changes of the given kinds only; all of them when {@code kinds} is empty. */
  public ScanDiff only(Collection<ScanDiffKind> kinds) {
    if (kinds.isEmpty()) {
      return this;
    }
    return new ScanDiff(
        before, after, changes.stream().filter(c -> kinds.contains(c.kind())).toList());
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
