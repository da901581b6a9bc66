package dev.vigil.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;

/** Small JDBC helpers shared by the inventory repositories. */
final class Rows {

  private Rows() {}

  static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  static String like(String phrase) {
    return "%" + phrase.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
