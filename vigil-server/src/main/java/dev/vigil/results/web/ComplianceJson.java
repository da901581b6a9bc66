package dev.vigil.results.web;

import dev.vigil.results.ComplianceDay;
import dev.vigil.results.ComplianceJob;
import dev.vigil.results.ComplianceProfile;
import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceServer;
import dev.vigil.results.ComplianceStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compliance in the API's shape: status codes, ISO-8601 instants, durations in seconds. */
final class ComplianceJson {

  private ComplianceJson() {}

  static Map<String, Object> server(ComplianceServer c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server", ref(c.serverId(), c.serverName()));
    m.put("status", c.status().code());
    m.put("profiles", c.profiles().stream().map(ComplianceJson::profile).toList());
    return m;
  }

  static Map<String, Object> profile(ComplianceProfile p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("profileId", p.profileId());
    m.put("profileTitle", p.profileTitle());
    m.put("benchmarkId", p.benchmarkId());
    m.put("benchmarkTitle", p.benchmarkTitle());
    m.put("job", p.jobId() == null ? null : ref(p.jobId(), p.jobName()));
    m.put("status", p.status().code());
    m.put("score", p.score());
    m.put("scoreWithoutWaivers", p.scoreWithoutWaivers());
    m.put("waivedCount", p.waivedCount());
    m.put("lastScan", p.lastScan() == null ? null : scan(p.lastScan()));
    m.put("lastFailure", ScanJson.time(p.lastFailure()));
    m.put("staleAfter", p.staleAfter().toSeconds());
    m.put("staleAt", ScanJson.time(p.staleAt()));
    return m;
  }

  static Map<String, Object> summary(
      Map<ComplianceStatus, Long> fleet, List<ComplianceJob> jobs, List<ComplianceDay> days) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("servers", counts(fleet));
    m.put("jobs", jobs.stream().map(ComplianceJson::job).toList());
    m.put("days", days.stream().map(ComplianceJson::day).toList());
    return m;
  }

  private static Map<String, Object> job(ComplianceJob j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.jobId());
    m.put("name", j.jobName());
    m.put("benchmarkId", j.benchmarkId());
    m.put("benchmarkTitle", j.benchmarkTitle());
    m.put("profileId", j.profileId());
    m.put("profileTitle", j.profileTitle());
    m.put("enabled", j.enabled());
    m.put("targets", j.targets());
    Map<String, Object> counts = new LinkedHashMap<>();
    j.counts().forEach((s, n) -> counts.put(s.code(), n));
    m.put("counts", ordered(counts));
    return m;
  }

  private static Map<String, Object> day(ComplianceDay d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", d.day().toString());
    m.put("scanned", d.scanned());
    m.put("compliant", d.compliant());
    m.put("nonCompliant", d.nonCompliant());
    m.put("other", d.other());
    m.put("percent", d.percent());
    return m;
  }

  private static Map<String, Object> counts(Map<ComplianceStatus, Long> counts) {
    Map<String, Object> m = new LinkedHashMap<>();
    counts.forEach((s, n) -> m.put(s.code(), n));
    return ordered(m);
  }

  private static Map<String, Object> ordered(Map<String, Object> byCode) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (ComplianceStatus s : ComplianceStatus.values()) {
      m.put(s.code(), byCode.getOrDefault(s.code(), 0));
    }
    return m;
  }

  private static Map<String, Object> scan(ComplianceScan s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("scanDate", ScanJson.time(s.scanDate()));
    m.put("score", s.score());
    m.put("passCount", s.passCount());
    m.put("failCount", s.failCount());
    m.put("notcheckedCount", s.notcheckedCount());
    m.put("errorCount", s.errorCount());
    m.put("unknownCount", s.unknownCount());
    m.put("notapplicableCount", s.notapplicableCount());
    m.put("notApplicable", s.notApplicable());
    m.put("job", s.jobId() == null ? null : ref(s.jobId(), s.jobName()));
    return m;
  }

  private static Map<String, Object> ref(long id, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    return m;
  }
}
