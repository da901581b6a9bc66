package dev.vigil.web.results;

import dev.vigil.results.SecurityScan;
import java.util.List;
import java.util.Locale;

/**
 * The scan history rows of a server's Security tab, with their texts and links made once in Java (a
 * page of 50 rows renders without a URL or number format expression per cell).
 */
public final class ComplianceHistory {

  private ComplianceHistory() {}

  /** One scan as the history table shows it. */
  public record Row(
      long id,
      String finishedAt,
      String jobName,
      String jobHref,
      String packageName,
      String profileId,
      String profileTitle,
      String score,
      int pass,
      int fail,
      int other,
      String reportHref) {}

  static List<Row> rows(long serverId, List<SecurityScan> scans) {
    return scans.stream().map(s -> row(serverId, s)).toList();
  }

  private static Row row(long serverId, SecurityScan s) {
    Long job = s.origin().jobId();
    return new Row(
        s.id(),
        s.finishedAt().toString(),
        s.jobDeleted() ? s.origin().jobName() + " (deleted)" : s.origin().jobName(),
        job == null ? null : "/provisioning/jobs/" + job,
        s.packageDeleted() ? s.packageName() + " (deleted)" : s.packageName(),
        s.profileId(),
        s.recorded().profileTitle(),
        s.score() == null ? "—" : String.format(Locale.ROOT, "%.1f", s.score()),
        s.passCount(),
        s.failCount(),
        s.otherCount(),
        "/infrastructure/servers/" + serverId + "/security/" + s.id());
  }
}
