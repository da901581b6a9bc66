package dev.vigil.compliance;

import static dev.vigil.storage.Sql.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rule results behind the rule view: for one (benchmark, profile), the latest scan of each
 * server that has one (ties: the higher scan id) with its compact result codes, the result rows of
 * scans recorded before the compact store, and the (benchmark, profile) pairs scanned so far. Picks
 * scans on the narrow {@code compliance_scans} (V26), reads their codes from {@code security_scans}
 * and {@code security_scan_rules} (see docs/architecture.md "Fleet views").
 */
@Repository
class ComplianceRuleRepository {

  private final JdbcClient jdbc;

  ComplianceRuleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The latest scan per live server of the pair, from the read model kept at record time ({@code
   * compliance_latest}, V32, index {@code (benchmark_key, profile_id)}), then their result codes
   * read by id.
   */
  List<LatestScan> latestScans(String benchmarkId, String profileId) {
    Map<Long, Latest> latest = new LinkedHashMap<>();
    jdbc.sql(
            "select scan_id, server_id, finished_at, benchmark_title, profile_title"
                + " from compliance_latest where benchmark_key = ? and profile_id = ?")
        .params(benchmarkId, profileId)
        .query(
            rs -> {
              Latest l =
                  new Latest(
                      rs.getLong(1),
                      rs.getLong(2),
                      instant(rs, "finished_at"),
                      rs.getString(4),
                      rs.getString(5));
              latest.put(l.serverId(), l);
            });
    Map<Long, Object[]> codes = new HashMap<>();
    if (!latest.isEmpty()) {
      jdbc.sql("select id, rule_dictionary_id, rule_results from security_scans where id = any(?)")
          .param(latest.values().stream().map(Latest::scanId).toArray(Long[]::new))
          .query(
              rs -> {
                codes.put(
                    rs.getLong(1), new Object[] {rs.getObject(2, Long.class), rs.getBytes(3)});
              });
    }
    List<LatestScan> out = new ArrayList<>(latest.size());
    for (Latest l : latest.values()) {
      Object[] c = codes.getOrDefault(l.scanId(), new Object[2]);
      out.add(
          new LatestScan(
              l.scanId(),
              l.serverId(),
              (Long) c[0],
              (byte[]) c[1],
              l.finishedAt(),
              l.benchmarkTitle(),
              l.profileTitle()));
    }
    return out;
  }

  private record Latest(
      long scanId, long serverId, Instant finishedAt, String benchmarkTitle, String profileTitle) {}

  /** Rule rows of scans recorded before the compact store (V11), by scan id, in order. */
  Map<Long, List<RuleEntryResult>> legacyRows(List<Long> scanIds) {
    Map<Long, List<RuleEntryResult>> out = new HashMap<>();
    if (scanIds.isEmpty()) {
      return out;
    }
    jdbc.sql(
            "select scan_id, rule_id, result, severity, title from security_scan_rules"
                + " where scan_id = any(?) order by scan_id, position")
        .param(scanIds.toArray(Long[]::new))
        .query(
            rs -> {
              out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                  .add(
                      new RuleEntryResult(
                          rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            });
    return out;
  }

  /**
   * Every (benchmark, profile) a live server has a scan of, with the titles of its latest scan,
   * ordered by titles.
   */
  List<CompliancePair> pairs() {
    Map<String, CompliancePair> out = new LinkedHashMap<>();
    jdbc.sql(
            "select benchmark_id, profile_id, max(benchmark_title), max(profile_title)"
                + " from compliance_latest where benchmark_id is not null"
                + " group by benchmark_id, profile_id")
        .query(
            rs -> {
              CompliancePair p =
                  new CompliancePair(
                      rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
              out.put(p.benchmarkId() + "\t" + p.profileId(), p);
            });
    List<CompliancePair> list = new ArrayList<>(out.values());
    list.sort(
        java.util.Comparator.comparing(CompliancePair::benchmarkLabel)
            .thenComparing(CompliancePair::profileLabel));
    return list;
  }

  /**
   * The latest scan of one server in the pair: its id, server, compact results, when, and the
   * titles it recorded.
   */
  record LatestScan(
      long scanId,
      long serverId,
      Long dictionaryId,
      byte[] codes,
      Instant finishedAt,
      String benchmarkTitle,
      String profileTitle) {}

  /** One rule's row of a scan recorded before the compact store. */
  record RuleEntryResult(String ruleId, String result, String severity, String title) {}
}
