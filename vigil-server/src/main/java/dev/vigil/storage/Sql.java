package dev.vigil.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Contract;

/** JDBC helpers every repository shares: UTC timestamps in and out, and {@code in (?, ?)} lists. */
public final class Sql {

  private Sql() {}

  /** Whether the data source is PostgreSQL (else H2, the other database Vigil runs on). */
  public static boolean isPostgres(javax.sql.DataSource dataSource) {
    try {
      return "PostgreSQL"
          .equals(
              org.springframework.jdbc.support.JdbcUtils.extractDatabaseMetaData(
                  dataSource, java.sql.DatabaseMetaData::getDatabaseProductName));
    } catch (org.springframework.jdbc.support.MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell which database this is", e);
    }
  }

  /** The instant as a UTC timestamp parameter, or null. */
  @Contract("!null -> !null")
  public static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * Statement parameters some of which may be null, for {@code JdbcClient...params(List)}: Spring 7
   * declares {@code params(Object...)} without nulls, though a null binds as SQL NULL.
   */
  public static List<@Nullable Object> values(@Nullable Object... values) {
    return Arrays.asList(values);
  }

  /** A not-null timestamp column as an instant. */
  public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
    Instant at = instant(rs, column);
    if (at == null) {
      throw new SQLException(column + " is null");
    }
    return at;
  }

  /** The timestamp column as an instant, or null. */
  public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Ids per array parameter in {@link #byIdArrays}; H2 refuses arrays over 65,536 elements. */
  static final int IDS_PER_ARRAY = 50_000;

  /**
   * Runs {@code query} with the ids as array parameters (for {@code column = any(?)}), at most
   * {@value #IDS_PER_ARRAY} per array, and joins the results: one bind parameter per query however
   * many ids (one {@code ?} per id stops at PostgreSQL's 65,535 parameters), a query per 50,000. H2
   * and PostgreSQL both take a {@code Long[]}.
   */
  public static <T> List<T> byIdArrays(Collection<Long> ids, Function<Long[], List<T>> query) {
    Long[] all = ids.toArray(Long[]::new);
    if (all.length <= IDS_PER_ARRAY) {
      return all.length == 0 ? List.of() : query.apply(all);
    }
    List<T> out = new ArrayList<>();
    for (int from = 0; from < all.length; from += IDS_PER_ARRAY) {
      out.addAll(
          query.apply(Arrays.copyOfRange(all, from, Math.min(all.length, from + IDS_PER_ARRAY))));
    }
    return out;
  }

  /** Ids from which {@link #eachById} considers reading a range of ids rather than the ids. */
  static final int RANGE_FROM = 1000;

  /** How many rows per id sent {@link #eachById} may read in a range instead of the ids. */
  static final int RANGE_ROWS_PER_ID = 2;

  /**
   * Hands {@code each} the rows (column values in the order of {@code columns}, {@code t.id} first)
   * of {@code table}, aliased {@code t}, whose {@code t.id} is one of {@code ids}: each once, in no
   * particular order. A list of {@value #RANGE_FROM} ids or more is first read as the range from
   * its smallest to its largest id ({@code t.id between ? and ?}, by the primary key) as long as
   * that range holds at most {@value #RANGE_ROWS_PER_ID} rows per id (a {@code limit}), and
   * filtered here; a sparser list, or a shorter one, goes as array parameters joined with {@code
   * unnest} ({@link #byIdArrays}). Either way one query (two when the range was too full) whatever
   * the number of ids: H2 joins an array of 100,000 ids several times slower than it reads a range
   * of 100,000 rows.
   */
  public static void eachById(
      JdbcClient jdbc,
      String table,
      String columns,
      Collection<Long> ids,
      java.util.function.Consumer<Object[]> each) {
    if (ids.isEmpty()) {
      return;
    }
    Set<Long> wanted = ids instanceof Set<Long> set ? set : new HashSet<>(ids);
    if (wanted.size() >= RANGE_FROM) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long id : wanted) {
        min = Math.min(min, id);
        max = Math.max(max, id);
      }
      long limit = (long) RANGE_ROWS_PER_ID * wanted.size();
      List<Object[]> rows = new ArrayList<>();
      int[] read = {0};
      jdbc.sql(
              "select "
                  + columns
                  + " from "
                  + table
                  + " t where t.id between ? and ? order by t.id limit ?")
          .params(min, max, limit + 1)
          .query(
              rs -> {
                if (++read[0] <= limit && wanted.contains(rs.getLong(1))) {
                  Object[] row = new Object[rs.getMetaData().getColumnCount()];
                  for (int c = 0; c < row.length; c++) {
                    row[c] = rs.getObject(c + 1);
                  }
                  rows.add(row);
                }
              });
      if (read[0] <= limit) {
        for (Object[] row : rows) {
          each.accept(row);
        }
        return;
      }
    }
    byIdArrays(
        wanted,
        a -> {
          jdbc.sql(
                  "select "
                      + columns
                      + " from "
                      + table
                      + " t join unnest(?) as u(v) on t.id = u.v")
              .param(a)
              .query(
                  rs -> {
                    Object[] row = new Object[rs.getMetaData().getColumnCount()];
                    for (int c = 0; c < row.length; c++) {
                      row[c] = rs.getObject(c + 1);
                    }
                    each.accept(row);
                  });
          return List.of();
        });
  }

  /**
   * Inserts one row per id into {@code table} ({@code ownerColumn} = owner, {@code positionColumn}
   * = the id's index in {@code ids} from 0, {@code idColumn} = the id) and answers the generated
   * {@code id} of each row, by position. One {@code insert … select … from unnest(?) with
   * ordinality} per {@value #IDS_PER_ARRAY} ids, with three bind parameters, on H2 and PostgreSQL
   * alike (rather than a statement per thousand rows); the generated ids come back with it, so the
   * rows need not be read again.
   */
  public static long[] insertPositioned(
      JdbcClient jdbc,
      String table,
      String ownerColumn,
      String positionColumn,
      String idColumn,
      long owner,
      List<Long> ids) {
    String sql =
        "insert into "
            + table
            + " ("
            + ownerColumn
            + ", "
            + positionColumn
            + ", "
            + idColumn
            + ") select cast(? as bigint), cast(u.n - 1 + ? as int), u.v"
            + " from unnest(?) with ordinality as u(v, n)";
    long[] generated = new long[ids.size()];
    for (int from = 0; from < ids.size(); from += IDS_PER_ARRAY) {
      Long[] chunk =
          ids.subList(from, Math.min(ids.size(), from + IDS_PER_ARRAY)).toArray(Long[]::new);
      org.springframework.jdbc.support.KeyHolder keys =
          new org.springframework.jdbc.support.GeneratedKeyHolder();
      jdbc.sql(sql).params(owner, from, chunk).update(keys, "id", positionColumn);
      for (Map<String, Object> k : keys.getKeyList()) {
        generated[key(k, positionColumn).intValue()] = key(k, "id").longValue();
      }
    }
    return generated;
  }

  /**
   * The {@code like} pattern that finds {@code phrase} literally, case-insensitively (compare with
   * {@code lower(column)}): backslash, {@code %} and {@code _} in the phrase are escaped with a
   * backslash, the default escape character of both H2 and PostgreSQL.
   */
  public static String contains(String phrase) {
    String escaped =
        phrase
            .toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_");
    return "%" + escaped + "%";
  }

  /** {@code n} question marks joined by commas, for an {@code in (...)} list. */
  public static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** Rows per insert statement in {@link #insertRows}. */
  static final int ROWS_PER_INSERT = 1000;

  /**
   * Inserts the rows (each one value per column, in order) with multi-row {@code values}, {@value
   * #ROWS_PER_INSERT} rows a statement: one round trip per thousand rows, and the bind parameters
   * of a statement stay far below any driver's limit.
   */
  public static void insertRows(
      JdbcClient jdbc, String table, List<String> columns, List<List<Object>> rows) {
    String row = "(" + marks(columns.size()) + ")";
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      List<List<Object>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
      List<Object> params = new ArrayList<>(chunk.size() * columns.size());
      chunk.forEach(params::addAll);
      jdbc.sql(
              "insert into "
                  + table
                  + " ("
                  + String.join(", ", columns)
                  + ") values "
                  + String.join(", ", Collections.nCopies(chunk.size(), row)))
          .params(params)
          .update();
    }
  }

  private static Number key(Map<String, Object> keys, String column) {
    Object key = keys.get(column);
    if (key == null) {
      throw new IllegalStateException("the insert returned no " + column);
    }
    return (Number) key;
  }
}
