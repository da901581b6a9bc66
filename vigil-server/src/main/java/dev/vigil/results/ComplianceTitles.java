package dev.vigil.results;

import static dev.vigil.storage.Sql.marks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The titles of scans' benchmarks and profiles, read in one query per 500 package versions from the
 * package index of the version each scan was made with (a scan whose version is gone keeps null
 * titles). Seam: once scans record the titles they were made with (issue 11's migration), those
 * come first and this index lookup only fills older scans.
 */
final class ComplianceTitles {

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;

  ComplianceTitles(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Where a scan's titles are indexed: its package version, checklist, benchmark and profile. */
  record TitleKey(Long versionId, String path, String benchmarkId, String profileId) {}

  /** The scans with their titles; {@code keys} are the scans' keys, in the same order. */
  List<ComplianceScan> apply(List<ComplianceScan> scans, List<TitleKey> keys) {
    List<Long> versions =
        keys.stream().map(TitleKey::versionId).filter(Objects::nonNull).distinct().toList();
    Map<String, String> benchmarks = new HashMap<>();
    Map<String, String> profiles = new HashMap<>();
    for (int i = 0; i < versions.size(); i += CHUNK) {
      List<Long> chunk = versions.subList(i, Math.min(versions.size(), i + CHUNK));
      jdbc.sql(
              "select c.version_id, c.path, c.benchmark_id, c.title, p.profile_id,"
                  + " p.title profile_title from security_package_checklists c"
                  + " left join security_package_profiles p on p.checklist_id = c.id"
                  + " where c.version_id in ("
                  + marks(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              rs -> {
                String checklist =
                    rs.getLong("version_id")
                        + "\t"
                        + rs.getString("path")
                        + "\t"
                        + rs.getString("benchmark_id");
                benchmarks.putIfAbsent(checklist, rs.getString("title"));
                profiles.putIfAbsent(
                    checklist + "\t" + rs.getString("profile_id"), rs.getString("profile_title"));
              });
    }
    List<ComplianceScan> out = new ArrayList<>(scans.size());
    for (int i = 0; i < scans.size(); i++) {
      TitleKey k = keys.get(i);
      String checklist = k.versionId() + "\t" + k.path() + "\t" + k.benchmarkId();
      out.add(
          withTitles(
              scans.get(i),
              benchmarks.get(checklist),
              profiles.get(checklist + "\t" + k.profileId())));
    }
    return out;
  }

  private static ComplianceScan withTitles(ComplianceScan s, String benchmark, String profile) {
    return new ComplianceScan(
        s.id(),
        s.serverId(),
        s.profileId(),
        s.benchmarkId(),
        profile,
        benchmark,
        s.scanDate(),
        s.score(),
        s.passCount(),
        s.failCount(),
        s.errorCount(),
        s.unknownCount(),
        s.notcheckedCount(),
        s.notapplicableCount(),
        s.notApplicable(),
        s.jobId(),
        s.jobName());
  }
}
