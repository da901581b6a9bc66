package dev.vigil.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rule dictionaries: the rules of a benchmark version as scans report them (id, severity, title,
 * idents), stored once and addressed by the sha256 of their content. Two transactions storing the
 * same dictionary at once both succeed, as with blobs: the insert runs in a savepoint and the loser
 * uses the winner's copy once it commits. Dictionaries never change, so read ones are cached.
 */
@Repository
public class RuleDictionaries {

  private static final Duration RACE_WAIT = Duration.ofSeconds(60);
  private static final int CACHED = 32;

  private final JdbcTemplate template;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionOperations savepoint;
  private final Map<Long, List<RuleEntry>> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, List<RuleEntry>> eldest) {
              return size() > CACHED;
            }
          });

  @Autowired
  RuleDictionaries(JdbcTemplate template, Clock clock, PlatformTransactionManager transactions) {
    this(template, clock, nested(transactions));
  }

  /** Dictionaries whose writes run without a savepoint (for plain-JDBC tests). */
  RuleDictionaries(JdbcTemplate template, Clock clock) {
    this(template, clock, TransactionOperations.withoutTransaction());
  }

  private RuleDictionaries(JdbcTemplate template, Clock clock, TransactionOperations savepoint) {
    this.template = template;
    this.jdbc = JdbcClient.create(template);
    this.clock = clock;
    this.savepoint = savepoint;
  }

  /** The id of the dictionary holding exactly these entries, in this order; stored if new. */
  long idFor(String benchmarkId, String benchmarkVersion, List<RuleEntry> entries) {
    String fingerprint = fingerprint(benchmarkId, benchmarkVersion, entries);
    Optional<Long> found = find(fingerprint);
    if (found.isPresent()) {
      return found.get();
    }
    try {
      return savepoint.execute(s -> insert(fingerprint, benchmarkId, benchmarkVersion, entries));
    } catch (DuplicateKeyException | QueryTimeoutException | PessimisticLockingFailureException e) {
      return awaitCommitted(fingerprint);
    }
  }

  /** The entries of a dictionary, in order. */
  public List<RuleEntry> entries(long id) {
    List<RuleEntry> cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    List<RuleEntry> read =
        jdbc.sql(
                "select rule_id, severity, title, idents from scan_rule_entries"
                    + " where dictionary_id = ? order by position")
            .param(id)
            .query(
                (rs, n) ->
                    new RuleEntry(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        RuleEntry.identsOf(rs.getString(4))))
            .list();
    cache.put(id, List.copyOf(read));
    return read;
  }

  /** Bytes a dictionary's entries take as text (ids, severities, titles, idents). */
  long textBytes(long id) {
    long total = 0;
    for (RuleEntry e : entries(id)) {
      total += utf8(e.ruleId()) + utf8(e.severity()) + utf8(e.title()) + utf8(e.identsText());
    }
    return total;
  }

  private Optional<Long> find(String fingerprint) {
    return jdbc.sql("select id from scan_rule_dictionaries where fingerprint = ?")
        .param(fingerprint)
        .query(Long.class)
        .optional();
  }

  private long insert(
      String fingerprint, String benchmarkId, String version, List<RuleEntry> entries) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into scan_rule_dictionaries (fingerprint, benchmark_id, benchmark_version,"
                + " rule_count, created_at) values (?, ?, ?, ?, ?)")
        .params(fingerprint, benchmarkId, version, entries.size(), OffsetDateTime.now(clock))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      RuleEntry e = entries.get(i);
      rows.add(new Object[] {id, i, e.ruleId(), e.severity(), e.title(), e.identsText()});
    }
    template.batchUpdate(
        "insert into scan_rule_entries (dictionary_id, position, rule_id, severity, title, idents)"
            + " values (?, ?, ?, ?, ?, ?)",
        rows);
    return id;
  }

  private long awaitCommitted(String fingerprint) {
    long deadline = System.nanoTime() + RACE_WAIT.toNanos();
    Optional<Long> id;
    while ((id = find(fingerprint)).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "rule dictionary "
                + fingerprint
                + " is being stored by a transaction that did not end");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a rule dictionary", e);
      }
    }
    return id.get();
  }

  static String fingerprint(String benchmarkId, String version, List<RuleEntry> entries) {
    MessageDigest d = sha256();
    field(d, benchmarkId);
    field(d, version);
    for (RuleEntry e : entries) {
      field(d, e.ruleId());
      field(d, e.severity());
      field(d, e.title());
      field(d, e.identsText());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /** A length-prefixed field, so that no two different lists hash the same bytes. */
  private static void field(MessageDigest d, String value) {
    if (value == null) {
      d.update(new byte[] {0, 0, 0, 0, 0});
      return;
    }
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    d.update((byte) 1);
    d.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16)});
    d.update(new byte[] {(byte) (b.length >>> 8), (byte) b.length});
    d.update(b);
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static TransactionOperations nested(PlatformTransactionManager transactions) {
    TransactionTemplate t = new TransactionTemplate(transactions);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    return t;
  }
}
