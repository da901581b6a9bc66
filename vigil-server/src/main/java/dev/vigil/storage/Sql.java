package dev.vigil.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;

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

  /** {@code n} question marks joined by commas, for an {@code in (...)} list. */
  public static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
