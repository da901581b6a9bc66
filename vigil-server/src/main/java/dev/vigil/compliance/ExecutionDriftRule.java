package dev.vigil.compliance;

import java.util.Comparator;
import java.util.List;

/** One rule that changed on at least one server, with every server where it changed. */
public record ExecutionDriftRule(
    String ruleId, String title, String severity, List<ExecutionDriftChange> servers) {

  /** Rules newly failing first, then those that changed on the most servers, then by id. */
  static final Comparator<ExecutionDriftRule> ORDER =
      Comparator.comparing(ExecutionDriftRule::worst)
          .thenComparing(r -> -r.servers().size())
          .thenComparing(ExecutionDriftRule::ruleId);

  public ExecutionDriftRule {
    servers =
        servers.stream()
            .sorted(
                Comparator.comparing(ExecutionDriftChange::kind)
                    .thenComparing(
                        ExecutionDriftChange::serverName,
                        Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
  }

  /** The most serious change of the rule on any server. */
  public ScanDiffKind worst() {
    return servers.stream()
        .map(ExecutionDriftChange::kind)
        .min(Comparator.naturalOrder())
        .orElse(ScanDiffKind.OTHER);
  }
}
