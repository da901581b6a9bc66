package dev.vigil.compliance;

import dev.vigil.compliance.ComplianceRuleRepository.LatestScan;
import dev.vigil.compliance.ComplianceRuleRepository.RuleEntryResult;
import dev.vigil.results.ResultCodes;
import dev.vigil.results.RuleDictionaries;
import dev.vigil.results.RuleOutcome;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.shared.NotFoundException;
import dev.vigil.waivers.WaiverCoverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rule view: for one (benchmark, profile), each rule with how many servers fail, pass, fail
 * under a waiver, err on or otherwise found it in their latest scan of the pair, and which servers
 * those are. The latest scans come from the read model kept at record time ({@code
 * compliance_latest}, V32, see {@link ComplianceReadModel}); their compact result codes (one byte
 * per rule, decoded against the scan's cached rule dictionary) and the waivers are read per
 * request.
 */
@Service
@Transactional(readOnly = true)
public class FleetRules {

  /** Whether a fail of a rule on a server is waived by an approved, unexpired waiver now. */
  @FunctionalInterface
  interface Waived {
    boolean test(long serverId, String ruleId);

    Waived NONE = (server, rule) -> false;
  }

  private final ComplianceRuleRepository repo;
  private final RuleDictionaries dictionaries;
  private final ScanWaivers waivers;

  FleetRules(ComplianceRuleRepository repo, RuleDictionaries dictionaries, ScanWaivers waivers) {
    this.repo = repo;
    this.dictionaries = dictionaries;
    this.waivers = waivers;
  }

  /** Every pair a live server has a scan of. */
  public List<CompliancePair> pairs() {
    return repo.pairs();
  }

  /**
   * The pair's rules, most failed first (then most erred, then by id); NotFoundException (404)
   * naming the pair when no live server has a scan of it.
   */
  public ComplianceRuleView rules(String benchmarkId, String profileId) {
    List<LatestScan> scans = latest(benchmarkId, profileId);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    walk(
        scans,
        waived(benchmarkId, profileId),
        (scan, rule, outcome) -> tally(tallies, rule, scan, outcome));
    List<ComplianceRule> rules = new ArrayList<>(tallies.size());
    tallies.values().forEach(t -> rules.add(t.rule()));
    rules.sort(
        Comparator.comparingInt(ComplianceRule::failCount)
            .reversed()
            .thenComparing(Comparator.comparingInt(ComplianceRule::errorCount).reversed())
            .thenComparing(ComplianceRule::ruleId));
    return new ComplianceRuleView(pair(benchmarkId, profileId, scans), scans.size(), rules);
  }

  /**
   * The live servers whose latest scan of the pair found {@code ruleId} with {@code outcome};
   * NotFoundException (404) when no live server has a scan of the pair.
   */
  public Set<Long> servers(
      String benchmarkId, String profileId, String ruleId, RuleOutcome outcome) {
    List<LatestScan> scans = latest(benchmarkId, profileId);
    Set<Long> out = new TreeSet<>();
    walk(
        scans,
        waived(benchmarkId, profileId),
        (scan, rule, found) -> {
          if (found == outcome && rule.ruleId().equals(ruleId)) {
            out.add(scan.serverId());
          }
        });
    return out;
  }

  private List<LatestScan> latest(String benchmarkId, String profileId) {
    List<LatestScan> scans = repo.latestScans(benchmarkId, profileId);
    if (scans.isEmpty()) {
      throw new NotFoundException(
          "A scan of profile '" + profileId + "' in benchmark '" + benchmarkId + "'", null);
    }
    return scans;
  }

  /** The pair with the titles of its latest scan that recorded them. */
  private static CompliancePair pair(String benchmarkId, String profileId, List<LatestScan> scans) {
    LatestScan titled =
        scans.stream()
            .filter(s -> s.profileTitle() != null || s.benchmarkTitle() != null)
            .max(Comparator.comparing(LatestScan::finishedAt).thenComparing(LatestScan::scanId))
            .orElse(null);
    return new CompliancePair(
        benchmarkId,
        profileId,
        titled == null ? null : titled.benchmarkTitle(),
        titled == null ? null : titled.profileTitle());
  }

  /** The approved, unexpired waivers of the pair now (read once per request). */
  private Waived waived(String benchmarkId, String profileId) {
    WaiverCoverage coverage = waivers.coverage();
    return (server, rule) ->
        coverage.touches(server)
            && !coverage.waived(server, benchmarkId, profileId, List.of(rule)).isEmpty();
  }

  private interface Visitor {
    void visit(LatestScan scan, RuleRef rule, RuleOutcome outcome);
  }

  /** A rule as a scan reports it. */
  private record RuleRef(String ruleId, String title, String severity) {}

  private void walk(List<LatestScan> scans, Waived waived, Visitor visitor) {
    List<Long> legacy = new ArrayList<>();
    Map<Long, List<RuleRef>> refs = new HashMap<>();
    for (LatestScan s : scans) {
      if (s.dictionaryId() == null || s.codes() == null) {
        legacy.add(s.scanId());
        continue;
      }
      List<RuleRef> dict = refs.computeIfAbsent(s.dictionaryId(), this::refs);
      byte[] codes = s.codes();
      for (int i = 0; i < codes.length && i < dict.size(); i++) {
        visit(visitor, waived, s, dict.get(i), ResultCodes.type(codes[i]));
      }
    }
    Map<Long, List<RuleEntryResult>> rows = repo.legacyRows(legacy);
    for (LatestScan s : scans) {
      for (RuleEntryResult r : rows.getOrDefault(s.scanId(), List.of())) {
        RuleRef ref = new RuleRef(r.ruleId(), r.title(), r.severity());
        visit(visitor, waived, s, ref, ResultType.fromXccdf(r.result()));
      }
    }
  }

  private static void visit(
      Visitor visitor, Waived waived, LatestScan s, RuleRef rule, ResultType type) {
    boolean isWaived = type == ResultType.FAIL && waived.test(s.serverId(), rule.ruleId());
    RuleOutcome outcome = RuleOutcome.of(type, isWaived);
    if (outcome != null) {
      visitor.visit(s, rule, outcome);
    }
  }

  private List<RuleRef> refs(long dictionaryId) {
    return dictionaries.entries(dictionaryId).stream()
        .map(e -> new RuleRef(e.ruleId(), e.title(), e.severity()))
        .toList();
  }

  private static void tally(
      Map<String, Tally> tallies, RuleRef rule, LatestScan scan, RuleOutcome outcome) {
    Tally t = tallies.computeIfAbsent(rule.ruleId(), k -> new Tally(rule));
    t.counts[outcome.ordinal()]++;
    if (t.textScan == 0 || (outcome == RuleOutcome.FAIL && !t.textScanFailed)) {
      t.textScan = scan.scanId();
      t.textScanFailed = outcome == RuleOutcome.FAIL;
    }
  }

  /** Counts of one rule while scans are walked. */
  private static final class Tally {
    final RuleRef rule;
    final int[] counts = new int[RuleOutcome.values().length];
    long textScan;
    boolean textScanFailed;

    Tally(RuleRef rule) {
      this.rule = rule;
    }

    ComplianceRule rule() {
      return new ComplianceRule(
          rule.ruleId(),
          rule.title(),
          rule.severity(),
          counts[RuleOutcome.FAIL.ordinal()],
          counts[RuleOutcome.PASS.ordinal()],
          counts[RuleOutcome.WAIVED.ordinal()],
          counts[RuleOutcome.ERROR.ordinal()],
          counts[RuleOutcome.OTHER.ordinal()],
          textScan);
    }
  }
}
