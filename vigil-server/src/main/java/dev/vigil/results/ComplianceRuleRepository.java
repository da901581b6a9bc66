package dev.vigil.results;

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
 * scans recorded before the compact store, and the (benchmark, profile) pairs scanned so far. Reads
 * {@code security_scans} and {@code security_scan_rules}; computed per request (see
 * docs/architecture.md "Fleet views").
 */
@Repository
class ComplianceRuleRepository {

  private final JdbcClient jdbc;

  ComplianceRuleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The latest scan per live server of the pair. */
  List<LatestScan> latestScans(String benchmarkId, String profileId) {
    Map<Long, LatestScan> out = new LinkedHashMap<>();
    jdbc.sql(
            "select s.id, s.server_id, s.rule_dictionary_id, s.rule_results, s.finished_at,"
                + " s.benchmark_title, s.profile_title"
                + " from security_scans s join (select server_id, max(finished_at) m"
                + " from security_scans where benchmark_id = ? and profile_id = ?"
                + " and server_id is not null group by server_id) l"
                + " on s.server_id = l.server_id and s.finished_at = l.m"
                + " where s.benchmark_id = ? and s.profile_id = ?")
        .params(benchmarkId, profileId, benchmarkId, profileId)
        .query(
            rs -> {
              LatestScan s =
                  new LatestScan(
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getObject(3, Long.class),
                      rs.getBytes(4),
                      instant(rs, "finished_at"),
                      rs.getString("benchmark_title"),
                      rs.getString("profile_title"));
              out.merge(s.serverId(), s, (a, b) -> a.scanId() >= b.scanId() ? a : b);
            });
    return new ArrayList<>(out.values());
  }

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
                + " from security_scans where server_id is not null and benchmark_id is not null"
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
