package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scap.arf.ResultType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rule dictionaries and the compact columns of a scan against a real database; run on H2 and on
 * PostgreSQL by subclasses.
 */
abstract class ScanStorageContract {

  private static final Instant T0 = Instant.parse("2026-02-03T04:05:06Z");
  private static final List<RuleEntry> RULES =
      List.of(
          new RuleEntry("xccdf_r_one", "high", "First rule", List.of("CCE-1", "CCE-2")),
          new RuleEntry("xccdf_r_two", "unknown", null, List.of()),
          new RuleEntry("xccdf_r_three", "low", "x".repeat(2500), List.of("CCE-3")));

  JdbcTemplate template;
  JdbcClient jdbc;
  RuleDictionaries dictionaries;
  ScanRepository scans;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    template = new JdbcTemplate(dataSource());
    jdbc = JdbcClient.create(template);
    dictionaries = new RuleDictionaries(template, Clock.fixed(T0, ZoneOffset.UTC));
    scans = new ScanRepository(jdbc, new ComplianceReadModel(jdbc, dataSource()));
  }

  @Test
  void theSameRulesShareOneDictionaryAndOtherRulesGetAnother() {
    long a = dictionaries.idFor("b1", "1.0", RULES);
    long b = dictionaries.idFor("b1", "1.0", List.copyOf(RULES));
    long otherVersion = dictionaries.idFor("b1", "1.1", RULES);
    long otherSeverity =
        dictionaries.idFor(
            "b1",
            "1.0",
            List.of(
                RULES.get(0), new RuleEntry("xccdf_r_two", "high", null, List.of()), RULES.get(2)));
    assertThat(b).isEqualTo(a);
    assertThat(List.of(otherVersion, otherSeverity)).doesNotContain(a).doesNotHaveDuplicates();
    assertThat(count("scan_rule_dictionaries")).isEqualTo(3);
    assertThat(count("scan_rule_entries")).isEqualTo(9);
  }

  @Test
  void entriesComeBackInOrderWithTheirIdentsAndTitlesCutAt2000() {
    long id = dictionaries.idFor(null, null, RULES);
    List<RuleEntry> read = new RuleDictionaries(template, Clock.systemUTC()).entries(id);
    assertThat(read)
        .extracting(RuleEntry::ruleId)
        .containsExactly("xccdf_r_one", "xccdf_r_two", "xccdf_r_three");
    assertThat(read.get(0).idents()).containsExactly("CCE-1", "CCE-2");
    assertThat(read.get(1).title()).isNull();
    assertThat(read.get(1).idents()).isEmpty();
    assertThat(read.get(2).title()).hasSize(2000);
    assertThat(read).isEqualTo(RULES);
  }

  @Test
  void aScanKeepsItsCodesAndArfReferenceAndAnOlderScanIsReadFromItsRuleRows() {
    long dict = dictionaries.idFor("b1", "1.0", RULES);
    byte[] codes =
        ResultCodes.encode(List.of(ResultType.FAIL, ResultType.NOTSELECTED, ResultType.FIXED));
    insertBlob("a".repeat(64));
    insertBlob("d".repeat(64));
    ScanStorage st = new ScanStorage(dict, codes, "d".repeat(64), 1234L, 321, 99_000L);
    long id = scans.insert(scan("a".repeat(64)), st);

    ScanStorage read = scans.storage(id).orElseThrow();
    assertThat(read.ruleDictionaryId()).isEqualTo(dict);
    assertThat(ResultCodes.decode(read.ruleResults()))
        .containsExactly(ResultType.FAIL, ResultType.NOTSELECTED, ResultType.FIXED);
    assertThat(read.datastreamSha256()).isEqualTo("d".repeat(64));
    assertThat(read.datastreamOffset()).isEqualTo(1234L);
    assertThat(read.markerLength()).isEqualTo(321);
    assertThat(read.arfSizeBytes()).isEqualTo(99_000L);

    long old = scans.insert(scan(null), new ScanStorage(null, null, null, null, null, null));
    jdbc.sql(
            "insert into security_scan_rules (scan_id, position, rule_id, result, severity, title,"
                + " idents) values (?, 0, 'r1', 'pass', 'low', 'T', 'CCE-9 CCE-8')")
        .param(old)
        .update();
    assertThat(scans.storage(old).orElseThrow().ruleDictionaryId()).isNull();
    assertThat(scans.legacyRules(old))
        .containsExactly(new StoredRuleResult("r1", "pass", "low", "T", List.of("CCE-9", "CCE-8")));
  }

  @Test
  void twoTransactionsStoringTheSameDictionaryAtOnceBothSucceed() throws Exception {
    DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource());
    RuleDictionaries racing = new RuleDictionaries(template, Clock.systemUTC(), tm);
    TransactionTemplate tx = new TransactionTemplate(tm);
    CountDownLatch firstInserted = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Long> first =
          pool.submit(
              () ->
                  tx.execute(
                      s -> {
                        long id = racing.idFor("race", "1", RULES);
                        firstInserted.countDown();
                        sleep(1500);
                        return id;
                      }));
      assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
      Future<Long> second = pool.submit(() -> tx.execute(s -> racing.idFor("race", "1", RULES)));
      assertThat(second.get(90, TimeUnit.SECONDS)).isEqualTo(first.get(90, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("scan_rule_dictionaries")).isEqualTo(1);
    assertThat(count("scan_rule_entries")).isEqualTo(3);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void insertBlob(String sha) {
    jdbc.sql(
            "insert into blobs (sha256, size_bytes, stored_bytes, encoding, created_at)"
                + " values (?, 1, 1, 'gzip', ?)")
        .params(sha, T0.atOffset(ZoneOffset.UTC))
        .update();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private static SecurityScan scan(String arf) {
    Map<ResultType, Integer> counts = new EnumMap<>(ResultType.class);
    for (ResultType t : ResultType.values()) {
      counts.put(t, 1);
    }
    return new SecurityScan(
        0,
        null,
        "web01",
        null,
        "ssg",
        null,
        "ds.xml",
        "b1",
        "1.0",
        "p",
        "tr",
        "complete",
        false,
        "1 pass",
        T0,
        T0.plusSeconds(60),
        50.0,
        100.0,
        "urn:xccdf:scoring:default",
        counts,
        arf,
        null,
        "1.3.7",
        "admin",
        T0,
        ScanOrigin.NONE,
        AsRecorded.NONE);
  }
}
