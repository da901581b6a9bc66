package dev.vigil.results.web;

import dev.vigil.results.SecurityScan;
import dev.vigil.results.StoredRuleResult;
import dev.vigil.scap.arf.ResultType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders scans in the Morpheus record shape: testCount = selected rules, runCount = selected rules
 * that were checked, passCount = pass + fixed, failCount = fail, otherCount = the rest of runCount.
 */
final class ScanJson {

  private ScanJson() {}

  static Map<String, Object> record(SecurityScan s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("securityPackage", packageRef(s));
    m.put("server", server(s));
    m.put("status", s.status());
    m.put("scanDate", time(s.finishedAt()));
    m.put("scanDuration", s.duration().toMillis());
    m.put("testCount", s.testCount());
    m.put("runCount", s.runCount());
    m.put("passCount", s.passCount());
    m.put("failCount", s.failCount());
    m.put("otherCount", s.otherCount());
    m.put("scanScore", s.score());
    m.put("externalId", null);
    m.put("notApplicable", s.notApplicable());
    m.put("summary", s.summary());
    m.put("profileId", s.profileId());
    m.put("profileTitle", s.recorded().profileTitle());
    m.put("checklist", s.checklistPath());
    m.put("benchmark", benchmark(s));
    m.put("counts", counts(s));
    m.put(
        "job",
        s.origin().jobName() == null
            ? null
            : kept(s.recordedJobId(), s.origin().jobName(), s.jobDeleted()));
    m.put(
        "jobExecution",
        s.origin().executionId() == null ? null : ref(s.origin().executionId(), null));
    m.put("createdBy", s.createdBy());
    m.put("updatedBy", s.createdBy());
    m.put("dateCreated", time(s.createdAt()));
    m.put("lastUpdated", time(s.createdAt()));
    return m;
  }

  /**
   * The scan's server as it recorded it: {@code {"id": …, "name": …, "deleted": …}}, the id kept
   * after the server is deleted (null only for scans whose server was deleted before ids were
   * kept).
   */
  static Map<String, Object> server(SecurityScan s) {
    return kept(s.recordedServerId(), s.serverName(), s.serverDeleted());
  }

  /** The benchmark's id, version and title (the title null when the package index had none). */
  static Map<String, Object> benchmark(SecurityScan s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", nz(s.benchmarkId()));
    m.put("version", nz(s.benchmarkVersion()));
    m.put("title", s.recorded().benchmarkTitle());
    return m;
  }

  private static Map<String, Object> kept(Long id, String name, boolean deleted) {
    Map<String, Object> m = ref(id, name);
    m.put("deleted", deleted);
    return m;
  }

  /** {@code {"id": …, "name": …}}, the name left out when null; the id null when deleted. */
  static Map<String, Object> ref(Long id, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    if (name != null) {
      m.put("name", name);
    }
    return m;
  }

  static Map<String, Object> results(SecurityScan s, List<StoredRuleResult> rules) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("testResultId", s.testResultId());
    m.put(
        "score",
        s.score() == null
            ? null
            : Map.of("system", nz(s.scoreSystem()), "value", s.score(), "maximum", s.scoreMax()));
    m.put("ruleResults", rules.stream().map(ScanJson::rule).toList());
    return m;
  }

  private static Map<String, Object> rule(StoredRuleResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", r.ruleId());
    m.put("result", r.result());
    m.put("severity", r.severity());
    m.put("title", r.title());
    m.put("idents", r.idents());
    return m;
  }

  private static Map<String, Object> packageRef(SecurityScan s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.recordedPackageId());
    m.put("name", s.packageName());
    m.put("deleted", s.packageDeleted());
    m.put("description", null);
    m.put("type", Map.of("id", 1, "code", "scap-package", "name", "SCAP Package"));
    return m;
  }

  private static Map<String, Integer> counts(SecurityScan s) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (ResultType t : ResultType.values()) {
      m.put(t.xccdf(), s.count(t));
    }
    return m;
  }

  /** The text, or "" for null. */
  static String nz(String s) {
    return s == null ? "" : s;
  }

  /** ISO-8601 UTC, or null. */
  static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
