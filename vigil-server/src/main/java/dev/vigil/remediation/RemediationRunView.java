package dev.vigil.remediation;

import java.util.List;

/** A remediation run with its servers (each with its rule outcomes) and its events. */
public record RemediationRunView(
    RemediationRun run, List<TargetView> targets, List<RunEvent> events) {

  /** One server: its record, the script it runs (the dry run) and before/after per rule. */
  public record TargetView(RemediationTarget target, String script, List<RuleOutcome> outcomes) {

    public long count(String outcome) {
      return outcomes.stream().filter(o -> o.outcome().equals(outcome)).count();
    }
  }
}
