package dev.vigil.results.web;

import dev.vigil.executions.JobExecution;
import dev.vigil.results.ExecutionDriftChange;
import dev.vigil.results.ExecutionDriftGap;
import dev.vigil.results.ExecutionDriftReport;
import dev.vigil.results.ExecutionDriftRule;
import dev.vigil.results.ScanDiff;
import dev.vigil.results.ScanDiffKind;
import dev.vigil.results.ScanDiffRule;
import dev.vigil.results.SecurityScan;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders comparisons and drift for the API: kinds by their codes, scans and servers as refs. */
final class ScanCompareJson {

  static final String ORDER =
      "before is the earlier scan and after the later one (by scanDate, then id),"
          + " whatever the order of the ids asked for";

  private ScanCompareJson() {}

  /** The diff's changes (already filtered) with the counts of the whole comparison. */
  static Map<String, Object> comparison(ScanDiff diff, Map<ScanDiffKind, Integer> counts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("order", ORDER);
    m.put("before", scan(diff.before()));
    m.put("after", scan(diff.after()));
    m.put("counts", counts(counts));
    m.put("changes", diff.changes().stream().map(ScanCompareJson::change).toList());
    return m;
  }

  static Map<String, Object> drift(ExecutionDriftReport d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("execution", execution(d.execution()));
    m.put("previousExecution", d.previous() == null ? null : execution(d.previous()));
    m.put("msg", d.note());
    m.put("serversCompared", d.serversCompared());
    m.put("counts", counts(d.counts()));
    m.put("rules", d.rules().stream().map(ScanCompareJson::rule).toList());
    m.put("missing", d.missing().stream().map(ScanCompareJson::gap).toList());
    return m;
  }

  private static Map<String, Object> scan(SecurityScan s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("server", ScanJson.server(s));
    m.put("scanDate", ScanJson.time(s.finishedAt()));
    m.put("profileId", s.profileId());
    m.put("profileTitle", s.recorded().profileTitle());
    m.put("benchmark", ScanJson.benchmark(s));
    m.put("scanScore", s.score());
    m.put("passCount", s.passCount());
    m.put("failCount", s.failCount());
    m.put("otherCount", s.otherCount());
    m.put(
        "jobExecution",
        s.origin().executionId() == null ? null : ScanJson.ref(s.origin().executionId(), null));
    return m;
  }

  private static Map<String, Object> change(ScanDiffRule c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", c.ruleId());
    m.put("title", c.title());
    m.put("severity", c.severity());
    m.put("before", c.before());
    m.put("after", c.after());
    m.put("change", c.kind().code());
    return m;
  }

  private static Map<String, Object> rule(ExecutionDriftRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", r.ruleId());
    m.put("title", r.title());
    m.put("severity", r.severity());
    m.put("servers", r.servers().stream().map(ScanCompareJson::serverChange).toList());
    return m;
  }

  private static Map<String, Object> serverChange(ExecutionDriftChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server", ScanJson.ref(c.serverId(), c.serverName()));
    m.put("before", c.before());
    m.put("after", c.after());
    m.put("change", c.kind().code());
    m.put("beforeScanId", c.beforeScanId());
    m.put("afterScanId", c.afterScanId());
    m.put("waived", c.afterWaiverId() != null);
    m.put("waiverId", c.afterWaiverId());
    return m;
  }

  private static Map<String, Object> gap(ExecutionDriftGap g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server", ScanJson.ref(g.serverId(), g.serverName()));
    m.put("beforeScanId", g.beforeScanId());
    m.put("afterScanId", g.afterScanId());
    m.put("reason", g.reason());
    return m;
  }

  private static Map<String, Object> execution(JobExecution e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("job", ScanJson.ref(e.jobId(), e.jobName()));
    m.put("status", e.status().code());
    m.put("dateCreated", ScanJson.time(e.createdAt()));
    m.put("endDate", ScanJson.time(e.finishedAt()));
    return m;
  }

  private static Map<String, Integer> counts(Map<ScanDiffKind, Integer> counts) {
    Map<String, Integer> m = new LinkedHashMap<>();
    counts.forEach((k, n) -> m.put(k.code(), n));
    m.put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
    return m;
  }
}
