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
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/** JDBC helpers every repository shares: UTC timestamps in and out, and {@code in (?, ?)} lists. */
public final class Sql {

  private Sql() {}

  /** The instant as a UTC timestamp parameter, or null. */
  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** The timestamp column as an instant, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
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
}
