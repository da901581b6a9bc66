package dev.vigil.compliance;

import dev.vigil.executions.JobExecution;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What changed across the fleet between a job execution and the job's previous one: the changed
 * rules with the servers where each changed, the servers that could not be compared, and, when
 * there is no previous execution, a note saying so ({@code previous} null).
 */
public record ExecutionDriftReport(
    JobExecution execution,
    JobExecution previous,
    String note,
    int serversCompared,
    List<ExecutionDriftRule> rules,
    List<ExecutionDriftGap> missing) {

  public ExecutionDriftReport {
    rules = rules.stream().sorted(ExecutionDriftRule.ORDER).toList();
    missing = List.copyOf(missing);
  }

  /** How many (rule, server) changes of each kind; every kind present. */
  public Map<ScanDiffKind, Integer> counts() {
    Map<ScanDiffKind, Integer> m = new EnumMap<>(ScanDiffKind.class);
    for (ScanDiffKind k : ScanDiffKind.values()) {
      m.put(k, 0);
    }
    rules.forEach(r -> r.servers().forEach(c -> m.merge(c.kind(), 1, Integer::sum)));
    return m;
  }
}
