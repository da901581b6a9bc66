package dev.vigil.compliance;

import dev.vigil.executions.ExecutionFilter;
import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobExecution;
import dev.vigil.executions.TargetRun;
import dev.vigil.results.ResultService;
import dev.vigil.results.SecurityScan;
import dev.vigil.shared.ListQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drift across the fleet: for a job execution, which rules changed on which servers since the job's
 * previous execution (the one with the largest id below), server by server.
 */
@Service
public class ExecutionDrift {

  /** How much later than this execution an earlier-numbered one may say it was created. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

  private static final int PAGE = 50;

  private final ExecutionService executions;
  private final ResultService results;
  private final ScanComparisonRepository repo;
  private final ScanWaivers waivers;

  ExecutionDrift(
      ExecutionService executions,
      ResultService results,
      ScanComparisonRepository repo,
      ScanWaivers waivers) {
    this.executions = executions;
    this.results = results;
    this.repo = repo;
    this.waivers = waivers;
  }

  /**
   * The drift of one execution since the job's previous one; with no previous execution, a report
   * with a note and nothing compared.
   *
   * @throws dev.vigil.shared.NotFoundException when the execution does not exist
   */
  @Transactional(readOnly = true)
  public ExecutionDriftReport of(long executionId) {
    JobExecution now = executions.get(executionId);
    Optional<JobExecution> found = previous(now);
    if (found.isEmpty()) {
      String note =
          now.jobId() == null
              ? "The job " + now.jobName() + " was deleted, so its previous execution is unknown"
              : "No previous execution of job " + now.jobName();
      return new ExecutionDriftReport(now, null, note, 0, List.of(), List.of());
    }
    JobExecution was = found.get();
    Map<Long, Long> before = repo.latestPerServer(was.id());
    Map<Long, Long> after = repo.latestPerServer(now.id());
    Map<Long, String> names = serverNames(was, now, before, after);
    Map<String, RuleDrift> rules = new LinkedHashMap<>();
    List<ExecutionDriftGap> missing = new ArrayList<>();
    int compared = 0;
    dev.vigil.waivers.WaiverCoverage coverage = waivers.coverage();
    for (Map.Entry<Long, String> server : sortedByName(names)) {
      long id = server.getKey();
      Long b = before.get(id);
      Long a = after.get(id);
      if (b == null || a == null) {
        missing.add(new ExecutionDriftGap(id, server.getValue(), b, a, noScan(b, a, was)));
        continue;
      }
      SecurityScan x = results.get(b);
      SecurityScan y = results.get(a);
      String why = ScanComparison.incomparable(x, y);
      if (why != null) {
        missing.add(new ExecutionDriftGap(id, server.getValue(), b, a, why));
        continue;
      }
      compared++;
      ScanDiff diff = ScanComparison.diff(results, x, y);
      Map<String, Long> waived =
          diff.changes().stream().anyMatch(c -> "fail".equals(c.after()))
              ? waivers.waivedFails(
                  coverage, y.id(), y.serverId(), y.benchmarkId(), y.profileId(), null)
              : Map.of();
      collect(rules, id, server.getValue(), diff, waived);
    }
    return new ExecutionDriftReport(
        now, was, null, compared, rules.values().stream().map(RuleDrift::rule).toList(), missing);
  }

  private static String noScan(Long before, Long after, JobExecution previous) {
    if (before == null && after == null) {
      return "no scan in either execution";
    }
    return before == null
        ? "no scan in the previous execution (" + previous.id() + ")"
        : "no scan in this execution";
  }

  private static void collect(
      Map<String, RuleDrift> rules,
      long serverId,
      String serverName,
      ScanDiff diff,
      Map<String, Long> waived) {
    for (ScanDiffRule c : diff.changes()) {
      rules
          .computeIfAbsent(c.ruleId(), k -> new RuleDrift(c, new ArrayList<>()))
          .servers()
          .add(
              new ExecutionDriftChange(
                  serverId,
                  serverName,
                  c.before(),
                  c.after(),
                  c.kind(),
                  diff.before().id(),
                  diff.after().id(),
                  "fail".equals(c.after()) ? waived.get(c.ruleId()) : null));
    }
  }

  /** The job's execution with the largest id below this one's, if any. */
  Optional<JobExecution> previous(JobExecution e) {
    if (e.jobId() == null) {
      return Optional.empty();
    }
    ExecutionFilter f = new ExecutionFilter(e.jobId(), null, null, e.createdAt().plus(CLOCK_SKEW));
    for (int offset = 0; ; offset += PAGE) {
      List<JobExecution> page =
          executions.list(f, new ListQuery(PAGE, offset, null, null, null, true));
      Optional<JobExecution> found = page.stream().filter(x -> x.id() < e.id()).findFirst();
      if (found.isPresent() || page.size() < PAGE) {
        return found;
      }
    }
  }

  /** Every server targeted by or scanned in either execution, with its name. */
  private Map<Long, String> serverNames(
      JobExecution was, JobExecution now, Map<Long, Long> before, Map<Long, Long> after) {
    Map<Long, String> names = new LinkedHashMap<>();
    for (JobExecution e : List.of(was, now)) {
      for (TargetRun r : executions.runs(e.id())) {
        if (r.serverId() != null) {
          names.putIfAbsent(r.serverId(), r.serverName());
        }
      }
    }
    for (Map<Long, Long> scans : List.of(after, before)) {
      scans.forEach(
          (server, scan) -> names.computeIfAbsent(server, s -> results.get(scan).serverName()));
    }
    return names;
  }

  private static List<Map.Entry<Long, String>> sortedByName(Map<Long, String> names) {
    Map<String, Map.Entry<Long, String>> sorted = new TreeMap<>();
    names.entrySet().forEach(e -> sorted.put(e.getValue() + "\u0000" + e.getKey(), e));
    return List.copyOf(sorted.values());
  }

  private record RuleDrift(ScanDiffRule first, List<ExecutionDriftChange> servers) {
    ExecutionDriftRule rule() {
      return new ExecutionDriftRule(first.ruleId(), first.title(), first.severity(), servers);
    }
  }
}
