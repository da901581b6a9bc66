package dev.vigil.web.results;

import dev.vigil.compliance.ExecutionDriftReport;
import dev.vigil.compliance.ExecutionDriftRule;
import dev.vigil.compliance.ScanDiff;
import dev.vigil.compliance.ScanDiffKind;
import dev.vigil.executions.JobExecution;
import dev.vigil.results.SecurityScan;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders comparisons and drift for the API: kinds by their codes, scans and servers as refs. */
final class ScanCompareJson {

  static final String ORDER =
      "before is the earlier scan and after the later one (by scanDate, then id),"
          + " whatever the order of the ids asked for";

  private ScanCompareJson() {}

  /** {@code GET /api/security-scans/{id}/compare/{otherId}}. */
  record ComparisonOne(Comparison comparison) {}

  /** {@code GET /api/job-executions/{id}/drift}. */
  record DriftOne(Drift drift) {}

  /** Two scans of one server and benchmark compared: {@code before} is the earlier. */
  record Comparison(
      String order,
      ScanRef before,
      ScanRef after,
      @Schema(description = "changes per kind, and total") Map<String, Integer> counts,
      List<Change> changes) {}

  /** A scan as a comparison names it. */
  @Schema(name = "ComparedScan")
  record ScanRef(
      long id,
      ScanJson.KeptRef server,
      String scanDate,
      String profileId,
      String profileTitle,
      ScanJson.BenchmarkRef benchmark,
      Double scanScore,
      int passCount,
      int failCount,
      int otherCount,
      ScanJson.IdName jobExecution) {}

  /** One rule whose result changed; null where the rule was absent or notselected. */
  @Schema(name = "ComparisonChange")
  record Change(
      String ruleId, String title, String severity, String before, String after, String change) {}

  /** A job execution compared with the job's previous one. */
  record Drift(
      ExecutionRef execution,
      ExecutionRef previousExecution,
      String msg,
      int serversCompared,
      @Schema(description = "(rule, server) changes per kind, and total")
          Map<String, Integer> counts,
      List<DriftRule> rules,
      List<DriftGap> missing) {}

  /** An execution as drift names it. */
  @Schema(name = "DriftExecutionRef")
  record ExecutionRef(
      long id, ScanJson.IdName job, String status, String dateCreated, String endDate) {}

  /** A rule that changed on some server. */
  record DriftRule(String ruleId, String title, String severity, List<DriftChange> servers) {}

  /** A rule's change on one server. */
  record DriftChange(
      ScanJson.IdName server,
      String before,
      String after,
      String change,
      long beforeScanId,
      long afterScanId,
      @Schema(description = "the after result is a fail an approved waiver covers") boolean waived,
      Long waiverId) {}

  /** A server with a scan in only one of the two executions. */
  record DriftGap(ScanJson.IdName server, Long beforeScanId, Long afterScanId, String reason) {}

  /** The diff's changes (already filtered) with the counts of the whole comparison. */
  static Comparison comparison(ScanDiff diff, Map<ScanDiffKind, Integer> counts) {
    return new Comparison(
        ORDER,
        scan(diff.before()),
        scan(diff.after()),
        counts(counts),
        diff.changes().stream()
            .map(
                c ->
                    new Change(
                        c.ruleId(),
                        c.title(),
                        c.severity(),
                        c.before(),
                        c.after(),
                        c.kind().code()))
            .toList());
  }

  static Drift drift(ExecutionDriftReport d) {
    return new Drift(
        execution(d.execution()),
        d.previous() == null ? null : execution(d.previous()),
        d.note(),
        d.serversCompared(),
        counts(d.counts()),
        d.rules().stream().map(ScanCompareJson::rule).toList(),
        d.missing().stream()
            .map(
                g ->
                    new DriftGap(
                        new ScanJson.IdName(g.serverId(), g.serverName()),
                        g.beforeScanId(),
                        g.afterScanId(),
                        g.reason()))
            .toList());
  }

  private static ScanRef scan(SecurityScan s) {
    return new ScanRef(
        s.id(),
        ScanJson.server(s),
        ScanJson.time(s.finishedAt()),
        s.profileId(),
        s.recorded().profileTitle(),
        ScanJson.benchmark(s),
        s.score(),
        s.passCount(),
        s.failCount(),
        s.otherCount(),
        s.origin().executionId() == null
            ? null
            : new ScanJson.IdName(s.origin().executionId(), null));
  }

  private static DriftRule rule(ExecutionDriftRule r) {
    return new DriftRule(
        r.ruleId(),
        r.title(),
        r.severity(),
        r.servers().stream()
            .map(
                c ->
                    new DriftChange(
                        new ScanJson.IdName(c.serverId(), c.serverName()),
                        c.before(),
                        c.after(),
                        c.kind().code(),
                        c.beforeScanId(),
                        c.afterScanId(),
                        c.afterWaiverId() != null,
                        c.afterWaiverId()))
            .toList());
  }

  private static ExecutionRef execution(JobExecution e) {
    return new ExecutionRef(
        e.id(),
        new ScanJson.IdName(e.jobId(), e.jobName()),
        e.status().code(),
        ScanJson.time(e.createdAt()),
        ScanJson.time(e.finishedAt()));
  }

  private static Map<String, Integer> counts(Map<ScanDiffKind, Integer> counts) {
    Map<String, Integer> m = new LinkedHashMap<>();
    counts.forEach((k, n) -> m.put(k.code(), n));
    m.put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
    return m;
  }
}
