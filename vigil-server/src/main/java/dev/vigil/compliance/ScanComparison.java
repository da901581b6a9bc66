package dev.vigil.compliance;

import dev.vigil.results.ResultService;
import dev.vigil.results.SecurityScan;
import dev.vigil.results.StoredRuleResult;
import dev.vigil.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares two scans of one server and benchmark rule by rule, and finds a scan's predecessor, so a
 * reader sees what changed: newly failing rules, fixed ones, rules that came or went.
 */
@Service
public class ScanComparison {

  private static final Comparator<SecurityScan> FINISH =
      Comparator.comparing(SecurityScan::finishedAt).thenComparingLong(SecurityScan::id);

  private final ResultService results;
  private final ScanComparisonRepository repo;

  ScanComparison(ResultService results, ScanComparisonRepository repo) {
    this.results = results;
    this.repo = repo;
  }

  /**
   * The changes between two scans, the later one (by finish time) as "after".
   *
   * @throws dev.vigil.shared.NotFoundException when either scan does not exist
   * @throws InvalidInputException when they are one scan, or of different servers or benchmarks
   */
  @Transactional(readOnly = true)
  public ScanDiff compare(long scanId, long otherId) {
    SecurityScan a = results.get(scanId);
    SecurityScan b = results.get(otherId);
    if (scanId == otherId) {
      throw new InvalidInputException("otherId", "A scan cannot be compared with itself");
    }
    requireComparable(a, b);
    return diff(results, a, b);
  }

  /** The changes since the scan before this one of the same server, profile and benchmark. */
  @Transactional(readOnly = true)
  public Optional<ScanDiff> sincePrevious(long scanId) {
    SecurityScan scan = results.get(scanId);
    if (scan.recordedServerId() == null) {
      return Optional.empty();
    }
    return repo.previous(scan).map(results::get).map(p -> diff(results, p, scan));
  }

  /** Other scans of the scan's server and benchmark it can be compared with, newest first. */
  @Transactional(readOnly = true)
  public List<SecurityScan> comparableWith(long scanId, int max) {
    SecurityScan scan = results.get(scanId);
    if (scan.recordedServerId() == null) {
      return List.of();
    }
    return repo.comparable(scan, max).stream().map(results::get).toList();
  }

  /** Why two scans cannot be compared, or null when they can. */
  static String incomparable(SecurityScan a, SecurityScan b) {
    if (!a.sameServerAs(b)) {
      return "Scans "
          + a.id()
          + " and "
          + b.id()
          + " are of different servers ("
          + a.serverName()
          + ", "
          + b.serverName()
          + "): only scans of the same server can be compared";
    }
    if (!Objects.equals(a.benchmarkId(), b.benchmarkId())) {
      return "Scans "
          + a.id()
          + " and "
          + b.id()
          + " are of different benchmarks ("
          + a.benchmarkId()
          + ", "
          + b.benchmarkId()
          + "): only scans of the same benchmark can be compared";
    }
    return null;
  }

  private static void requireComparable(SecurityScan a, SecurityScan b) {
    String why = incomparable(a, b);
    if (why != null) {
      throw new InvalidInputException("otherId", why);
    }
  }

  /** Compares two scans known to be comparable, in time order. */
  static ScanDiff diff(ResultService results, SecurityScan x, SecurityScan y) {
    SecurityScan before = FINISH.compare(x, y) <= 0 ? x : y;
    SecurityScan after = before == x ? y : x;
    return new ScanDiff(
        before, after, changes(results.rules(before.id()), results.rules(after.id())));
  }

  /** The rule changes from {@code before} to {@code after}, matched by rule id. */
  static List<ScanDiffRule> changes(List<StoredRuleResult> before, List<StoredRuleResult> after) {
    Map<String, StoredRuleResult> earlier = new HashMap<>(before.size() * 2);
    before.forEach(r -> earlier.putIfAbsent(r.ruleId(), r));
    List<ScanDiffRule> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(after.size() * 2);
    for (StoredRuleResult now : after) {
      if (!seen.add(now.ruleId())) {
        continue;
      }
      StoredRuleResult then = earlier.get(now.ruleId());
      String was = then == null ? null : then.result();
      add(out, now, was, now.result());
    }
    for (StoredRuleResult then : before) {
      if (seen.add(then.ruleId())) {
        add(out, then, then.result(), null);
      }
    }
    return out;
  }

  private static void add(List<ScanDiffRule> out, StoredRuleResult rule, String was, String is) {
    ScanDiffKind.between(was, is)
        .ifPresent(
            k ->
                out.add(
                    new ScanDiffRule(
                        rule.ruleId(),
                        rule.title(),
                        rule.severity(),
                        ScanDiffKind.present(was),
                        ScanDiffKind.present(is),
                        k)));
  }
}
