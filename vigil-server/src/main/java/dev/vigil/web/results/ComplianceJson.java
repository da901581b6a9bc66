package dev.vigil.web.results;

import dev.vigil.compliance.ComplianceDay;
import dev.vigil.compliance.ComplianceJob;
import dev.vigil.compliance.ComplianceProfile;
import dev.vigil.compliance.ComplianceServer;
import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compliance in the API's shape: status codes, ISO-8601 instants, durations in seconds. */
final class ComplianceJson {

  private ComplianceJson() {}

  /** {@code GET /api/servers/{id}/compliance}. */
  record ServerCompliance(ServerStatus compliance) {}

  /** {@code GET /api/compliance/summary}. */
  @Schema(name = "ComplianceSummaryOne")
  record SummaryOne(Summary compliance) {}

  /** A server's compliance: its status and one entry per (benchmark, profile). */
  @Schema(name = "ServerComplianceStatus")
  record ServerStatus(Ref server, String status, List<ProfileStatus> profiles) {}

  @Schema(name = "ComplianceRef")
  record Ref(long id, String name) {}

  /** One (benchmark, profile) pair of a server. */
  @Schema(name = "ComplianceProfileStatus")
  record ProfileStatus(
      String profileId,
      String profileTitle,
      String benchmarkId,
      String benchmarkTitle,
      Ref job,
      String status,
      @Schema(description = "oscap's score with approved, unexpired waivers applied") Double score,
      @Schema(description = "the score as oscap wrote it") Double scoreWithoutWaivers,
      @Schema(description = "failures of the latest scan that waivers cover now") int waivedCount,
      LastScan lastScan,
      String lastFailure,
      @Schema(description = "seconds") long staleAfter,
      String staleAt) {}

  /** The latest scan of a profile on a server. */
  @Schema(name = "ComplianceLastScan")
  record LastScan(
      long id,
      String scanDate,
      Double score,
      int passCount,
      int failCount,
      int notcheckedCount,
      int errorCount,
      int unknownCount,
      int notapplicableCount,
      boolean notApplicable,
      Ref job) {}

  /** The fleet: servers per status, jobs and the last days' trend. */
  @Schema(name = "ComplianceSummary")
  record Summary(
      @Schema(description = "servers per status, every status present") Map<String, Long> servers,
      List<JobStatus> jobs,
      List<Day> days) {}

  /** A job's compliance over its targets. */
  @Schema(name = "ComplianceJob")
  record JobStatus(
      long id,
      String name,
      String benchmarkId,
      String benchmarkTitle,
      String profileId,
      String profileTitle,
      boolean enabled,
      int targets,
      @Schema(description = "targets per status, every status present") Map<String, Long> counts) {}

  /** One UTC day of the trend; {@code percent} null without scans. */
  @Schema(name = "ComplianceDay")
  record Day(
      String date, int scanned, int compliant, int nonCompliant, int other, Double percent) {}

  static ServerStatus server(ComplianceServer c) {
    return new ServerStatus(
        new Ref(c.serverId(), c.serverName()),
        c.status().code(),
        c.profiles().stream().map(ComplianceJson::profile).toList());
  }

  static ProfileStatus profile(ComplianceProfile p) {
    return new ProfileStatus(
        p.profileId(),
        p.profileTitle(),
        p.benchmarkId(),
        p.benchmarkTitle(),
        p.jobId() == null ? null : new Ref(p.jobId(), p.jobName()),
        p.status().code(),
        p.score(),
        p.scoreWithoutWaivers(),
        p.waivedCount(),
        p.lastScan() == null ? null : scan(p.lastScan()),
        ScanJson.time(p.lastFailure()),
        p.staleAfter().toSeconds(),
        ScanJson.time(p.staleAt()));
  }

  static Summary summary(
      Map<ComplianceStatus, Long> fleet, List<ComplianceJob> jobs, List<ComplianceDay> days) {
    return new Summary(
        ordered(fleet),
        jobs.stream().map(ComplianceJson::job).toList(),
        days.stream().map(ComplianceJson::day).toList());
  }

  private static JobStatus job(ComplianceJob j) {
    return new JobStatus(
        j.jobId(),
        j.jobName(),
        j.benchmarkId(),
        j.benchmarkTitle(),
        j.profileId(),
        j.profileTitle(),
        j.enabled(),
        j.targets(),
        ordered(j.counts()));
  }

  private static Day day(ComplianceDay d) {
    return new Day(
        d.day().toString(), d.scanned(), d.compliant(), d.nonCompliant(), d.other(), d.percent());
  }

  /** Every status by its code, in status order; 0 for a status without count. */
  private static Map<String, Long> ordered(Map<ComplianceStatus, ? extends Number> counts) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (ComplianceStatus s : ComplianceStatus.values()) {
      Number n = counts.get(s);
      m.put(s.code(), n == null ? 0L : n.longValue());
    }
    return m;
  }

  private static LastScan scan(ComplianceScan s) {
    return new LastScan(
        s.id(),
        ScanJson.time(s.scanDate()),
        s.score(),
        s.passCount(),
        s.failCount(),
        s.notcheckedCount(),
        s.errorCount(),
        s.unknownCount(),
        s.notapplicableCount(),
        s.notApplicable(),
        s.jobId() == null ? null : new Ref(s.jobId(), s.jobName()));
  }
}
