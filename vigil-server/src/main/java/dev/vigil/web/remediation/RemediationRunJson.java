package dev.vigil.web.remediation;

import dev.vigil.remediation.Actor;
import dev.vigil.remediation.RemediationRun;
import dev.vigil.remediation.RemediationRunView;
import dev.vigil.remediation.RemediationTarget;
import dev.vigil.remediation.RuleOutcome;
import dev.vigil.remediation.RunEvent;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The request and response bodies of {@code /api/remediation-runs}. */
final class RemediationRunJson {

  private RemediationRunJson() {}

  /** {@code {"remediationRun": {...}}} to create a run. */
  @Schema(name = "RemediationRunCreateBody")
  record CreateBody(CreateRun remediationRun) {}

  /** A scan or an execution (exactly one), the failed rules to fix (all when absent) and why. */
  @Schema(name = "RemediationRunCreateRun")
  record CreateRun(IdRef securityScan, IdRef jobExecution, List<String> rules, String reason) {}

  @Schema(name = "RemediationRunIdRef")
  record IdRef(Long id) {}

  /** The optional body of approve, reject and cancel. */
  @Schema(name = "RemediationRunDecisionBody")
  record DecisionBody(String reason) {}

  @Schema(name = "RemediationRunOne")
  record One(Run remediationRun) {}

  @Schema(name = "RemediationRunMany")
  record Many(List<Summary> remediationRuns, Meta meta) {}

  @Schema(name = "RemediationRunSource")
  record Source(String type, long id) {}

  @Schema(name = "RemediationRunUser")
  record User(long id, String username) {
    static User of(Actor a) {
      return a == null ? null : new User(a.id(), a.username());
    }
  }

  @Schema(name = "RemediationRunSummary")
  record Summary(
      long id,
      String status,
      Source source,
      String profileId,
      User createdBy,
      Instant dateCreated,
      User decidedBy,
      Instant finishedAt) {
    static Summary of(RemediationRun r) {
      return new Summary(
          r.id(),
          r.status().code(),
          new Source(r.sourceType(), r.sourceId()),
          r.profileId(),
          User.of(r.createdBy()),
          r.createdAt(),
          User.of(r.decidedBy()),
          r.finishedAt());
    }
  }

  @Schema(name = "RemediationRunRun")
  record Run(
      long id,
      String status,
      Source source,
      Long securityPackageId,
      Long packageVersionId,
      String checklist,
      String benchmarkId,
      String profileId,
      String reason,
      User createdBy,
      Instant dateCreated,
      User decidedBy,
      Instant decidedAt,
      String decisionReason,
      Instant cancelRequestedAt,
      Instant startedAt,
      Instant finishedAt,
      List<Target> targets,
      List<Event> events) {
    static Run of(RemediationRunView v) {
      RemediationRun r = v.run();
      return new Run(
          r.id(),
          r.status().code(),
          new Source(r.sourceType(), r.sourceId()),
          r.packageId(),
          r.packageVersionId(),
          r.checklistPath(),
          r.benchmarkId(),
          r.profileId(),
          r.reason(),
          User.of(r.createdBy()),
          r.createdAt(),
          User.of(r.decidedBy()),
          r.decidedAt(),
          r.decisionReason(),
          r.cancelRequestedAt(),
          r.startedAt(),
          r.finishedAt(),
          v.targets().stream().map(Target::of).toList(),
          v.events().stream().map(Event::of).toList());
    }
  }

  @Schema(name = "RemediationRunServerRef")
  record ServerRef(Long id, String name) {}

  @Schema(name = "RemediationRunScanRef")
  record ScanRef(long id) {}

  @Schema(name = "RemediationRunTarget")
  record Target(
      long id,
      ServerRef server,
      String status,
      String reason,
      List<String> rules,
      String script,
      String scriptSha256,
      String contentSha256,
      Integer exitCode,
      String output,
      ScanRef beforeScan,
      ScanRef afterScan,
      Instant startedAt,
      Instant finishedAt,
      List<Outcome> outcomes) {
    static Target of(RemediationRunView.TargetView v) {
      RemediationTarget t = v.target();
      return new Target(
          t.id(),
          new ServerRef(t.serverId(), t.serverName()),
          t.status().code(),
          t.reason(),
          t.ruleIds(),
          v.script(),
          t.scriptSha256(),
          t.contentSha256(),
          t.exitCode(),
          t.output(),
          new ScanRef(t.beforeScanId()),
          t.afterScanId() == null ? null : new ScanRef(t.afterScanId()),
          t.startedAt(),
          t.finishedAt(),
          v.outcomes().stream().map(Outcome::of).toList());
    }
  }

  @Schema(name = "RemediationRunOutcome")
  record Outcome(String ruleId, String before, String after, String outcome) {
    static Outcome of(RuleOutcome o) {
      return new Outcome(o.ruleId(), o.before(), o.after(), o.outcome());
    }
  }

  @Schema(name = "RemediationRunEvent")
  record Event(Instant at, String username, String action, String detail) {
    static Event of(RunEvent e) {
      return new Event(e.at(), e.username(), e.action(), e.detail());
    }
  }
}
