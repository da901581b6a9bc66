package dev.vigil.web.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.results.SecurityScan;
import dev.vigil.results.StoredRuleResult;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans as typed records in the Morpheus record shape: testCount = selected rules, runCount =
 * selected rules that were checked, passCount = pass + fixed, failCount = fail, otherCount = the
 * rest of runCount.
 */
final class ScanJson {

  private ScanJson() {}

  /** A scan as the API shows it; {@code results} only when asked for. */
  record ScanRecord(
      long id,
      ScanPackageRef securityPackage,
      KeptRef server,
      String status,
      String scanDate,
      long scanDuration,
      int testCount,
      int runCount,
      int passCount,
      int failCount,
      int otherCount,
      Double scanScore,
      String externalId,
      boolean notApplicable,
      String summary,
      String profileId,
      String profileTitle,
      String checklist,
      BenchmarkRef benchmark,
      @Schema(description = "every XCCDF result and its count") Map<String, Integer> counts,
      KeptRef job,
      IdName jobExecution,
      String createdBy,
      String updatedBy,
      String dateCreated,
      String lastUpdated,
      @JsonInclude(JsonInclude.Include.NON_NULL) ScanResults results,
      @Schema(
              description =
                  "the tailoring the scan was made with and what its pinned version changed;"
                      + " null for a shipped profile (and in lists)")
          ScanTailoringUsed tailoring) {

    ScanRecord withTailoring(ScanTailoringUsed t) {
      return new ScanRecord(
          id,
          securityPackage,
          server,
          status,
          scanDate,
          scanDuration,
          testCount,
          runCount,
          passCount,
          failCount,
          otherCount,
          scanScore,
          externalId,
          notApplicable,
          summary,
          profileId,
          profileTitle,
          checklist,
          benchmark,
          counts,
          job,
          jobExecution,
          createdBy,
          updatedBy,
          dateCreated,
          lastUpdated,
          results,
          t);
    }
  }

  /** A tailoring as a scan names it: the version it pinned and that version's changes. */
  record ScanTailoringUsed(
      long id,
      int version,
      String name,
      String profileTitle,
      String baseProfile,
      @Schema(description = "rule id: selected (true) or deselected (false)")
          Map<String, Boolean> rules,
      @Schema(description = "value id: the value set") Map<String, String> values) {}

  /** A record as the scan recorded it, {@code deleted} once it is gone; name left out if null. */
  @Schema(name = "ScanKeptRef")
  record KeptRef(
      Long id, @JsonInclude(JsonInclude.Include.NON_NULL) String name, boolean deleted) {}

  /** {@code {"id": …, "name": …}}, the name left out when null. */
  @Schema(name = "ScanRecordRef")
  record IdName(Long id, @JsonInclude(JsonInclude.Include.NON_NULL) String name) {}

  /** The package a scan used, as it recorded it. */
  record ScanPackageRef(
      Long id, String name, boolean deleted, String description, ScanPackageType type) {}

  /** The package type: always SCAP Package. */
  record ScanPackageType(int id, String code, String name) {}

  /** The benchmark's id, version and title (the title null when the package index had none). */
  @Schema(name = "ScanBenchmarkRef")
  record BenchmarkRef(String id, String version, String title) {}

  /** The rule results of a scan ({@code results=true}). */
  record ScanResults(String testResultId, Score score, List<RuleResult> ruleResults) {}

  /** The XCCDF score. */
  @Schema(name = "ScanScore")
  record Score(String system, Double value, Double maximum) {}

  /** One rule's result. */
  record RuleResult(
      String ruleId, String result, String severity, String title, List<String> idents) {}

  /** {@code GET /api/security-scans}. */
  record ScanList(List<ScanRecord> securityScans, Meta meta) {}

  /** {@code GET /api/security-scans/{id}}. */
  record ScanOne(ScanRecord securityScan) {}

  static ScanRecord record(SecurityScan s, ScanResults results) {
    return new ScanRecord(
        s.id(),
        new ScanPackageRef(
            s.recordedPackageId(),
            s.packageName(),
            s.packageDeleted(),
            null,
            new ScanPackageType(1, "scap-package", "SCAP Package")),
        server(s),
        s.status(),
        time(s.finishedAt()),
        s.duration().toMillis(),
        s.testCount(),
        s.runCount(),
        s.passCount(),
        s.failCount(),
        s.otherCount(),
        s.score(),
        null,
        s.notApplicable(),
        s.summary(),
        s.profileId(),
        s.recorded().profileTitle(),
        s.checklistPath(),
        benchmark(s),
        counts(s),
        s.origin().jobName() == null
            ? null
            : new KeptRef(s.recordedJobId(), s.origin().jobName(), s.jobDeleted()),
        s.origin().executionId() == null ? null : new IdName(s.origin().executionId(), null),
        s.createdBy(),
        s.createdBy(),
        time(s.createdAt()),
        time(s.createdAt()),
        results,
        null);
  }

  /**
   * The scan's server as it recorded it: {@code {"id": …, "name": …, "deleted": …}}, the id kept
   * after the server is deleted (null only for scans whose server was deleted before ids were
   * kept).
   */
  static KeptRef server(SecurityScan s) {
    return new KeptRef(s.recordedServerId(), s.serverName(), s.serverDeleted());
  }

  static BenchmarkRef benchmark(SecurityScan s) {
    return new BenchmarkRef(
        nz(s.benchmarkId()), nz(s.benchmarkVersion()), s.recorded().benchmarkTitle());
  }

  static ScanResults results(SecurityScan s, List<StoredRuleResult> rules) {
    return new ScanResults(
        s.testResultId(),
        s.score() == null ? null : new Score(nz(s.scoreSystem()), s.score(), s.scoreMax()),
        rules.stream()
            .map(r -> new RuleResult(r.ruleId(), r.result(), r.severity(), r.title(), r.idents()))
            .toList());
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
