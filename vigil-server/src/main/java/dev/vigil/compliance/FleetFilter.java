package dev.vigil.compliance;

import dev.vigil.results.ComplianceStatus;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The servers behind a fleet count ({@link ComplianceFilter}), found with the same rules that made
 * the count: a server's overall status, the status of one of its pairs, a job's view of its
 * targets, or a rule's result in the rule view. Computed per request, as the counts are.
 */
@Service
@Transactional(readOnly = true)
public class FleetFilter {

  private final ComplianceService compliance;
  private final FleetRules rules;

  FleetFilter(ComplianceService compliance, FleetRules rules) {
    this.compliance = compliance;
    this.rules = rules;
  }

  /**
   * The ids of the servers the filter stands for, ascending; null for no filter.
   * InvalidInputException (400) naming {@code job} for a job that does not exist, {@code profile}
   * for a pair no server has.
   */
  public Set<Long> serverIds(ComplianceFilter f) {
    if (f.none()) {
      return null;
    }
    if (f.jobId() != null) {
      Map<Long, ComplianceStatus> targets =
          compliance
              .jobTargets(f.jobId())
              .orElseThrow(
                  () -> new InvalidInputException("job", "job " + f.jobId() + " does not exist"));
      return matching(targets, f.status());
    }
    if (f.ruleId() != null) {
      Set<Long> found;
      try {
        found = rules.servers(f.benchmarkId(), f.profileId(), f.ruleId(), f.outcome());
      } catch (NotFoundException e) {
        throw noPair(f);
      }
      if (f.status() != null) {
        found.retainAll(matching(pairStatuses(f.benchmarkId(), f.profileId()), f.status()));
      }
      return found;
    }
    if (f.benchmarkId() != null) {
      Map<Long, ComplianceStatus> pair = pairStatuses(f.benchmarkId(), f.profileId());
      if (pair.isEmpty()) {
        throw noPair(f);
      }
      return matching(pair, f.status());
    }
    return matching(overall(), f.status());
  }

  /**
   * How many servers stand at each status for one pair (every status present, the servers without
   * the pair left out).
   */
  public Map<ComplianceStatus, Long> pairCounts(String benchmarkId, String profileId) {
    Map<ComplianceStatus, Long> counts = new EnumMap<>(ComplianceStatus.class);
    for (ComplianceStatus s : ComplianceStatus.values()) {
      counts.put(s, 0L);
    }
    pairStatuses(benchmarkId, profileId).values().forEach(s -> counts.merge(s, 1L, Long::sum));
    return counts;
  }

  private Map<Long, ComplianceStatus> pairStatuses(String benchmarkId, String profileId) {
    Map<Long, ComplianceStatus> out = new java.util.TreeMap<>();
    compliance
        .allPairs()
        .forEach(
            (server, pairs) ->
                pairs.stream()
                    .filter(
                        p -> benchmarkId.equals(p.benchmarkId()) && profileId.equals(p.profileId()))
                    .findFirst()
                    .ifPresent(p -> out.put(server, p.status())));
    return out;
  }

  private Map<Long, ComplianceStatus> overall() {
    Map<Long, List<ComplianceProfile>> pairs = compliance.allPairs();
    Map<Long, ComplianceStatus> out = new java.util.TreeMap<>();
    for (long id : compliance.allServerIds()) {
      out.put(id, ComplianceService.overall(pairs.getOrDefault(id, List.of())));
    }
    return out;
  }

  private static Set<Long> matching(Map<Long, ComplianceStatus> byServer, ComplianceStatus s) {
    Set<Long> out = new TreeSet<>();
    byServer.forEach(
        (id, status) -> {
          if (s == null || s == status) {
            out.add(id);
          }
        });
    return out;
  }

  private static InvalidInputException noPair(ComplianceFilter f) {
    return new InvalidInputException(
        "profile",
        "no server has profile '" + f.profileId() + "' of benchmark '" + f.benchmarkId() + "'");
  }
}
