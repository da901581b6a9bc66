package dev.vigil.inventory;

import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The last connection test's columns of the servers table. */
final class LastTestColumns {

  private LastTestColumns() {}

  static void write(JdbcClient jdbc, long id, LastTest t) {
    jdbc.sql(
            "update servers set tested_at = ?, test_ok = ?, test_error = ?, os_name = ?,"
                + " oscap_version = ?, privilege = ?, free_bytes = ?, mem_total = ?, mem_free = ?,"
                + " disk_total = ?, disk_free = ?, cpu_usage = ? where id = ?")
        .params(
            Sql.values(
                ts(t.testedAt()),
                t.ok(),
                cut(t.error(), 4000),
                cut(t.osName(), 255),
                cut(t.oscapVersion(), 255),
                cut(t.privilege(), 255),
                t.freeBytes(),
                t.memTotal(),
                t.memFree(),
                t.diskTotal(),
                t.diskFree(),
                t.cpuUsage(),
                id))
        .update();
  }

  static @Nullable LastTest read(ResultSet rs) throws SQLException {
    if (rs.getObject("tested_at") == null) {
      return null;
    }
    return new LastTest(
        requiredInstant(rs, "tested_at"),
        rs.getBoolean("test_ok"),
        rs.getString("test_error"),
        rs.getString("os_name"),
        rs.getString("oscap_version"),
        rs.getString("privilege"),
        rs.getObject("free_bytes", Long.class),
        rs.getObject("mem_total", Long.class),
        rs.getObject("mem_free", Long.class),
        rs.getObject("disk_total", Long.class),
        rs.getObject("disk_free", Long.class),
        rs.getObject("cpu_usage", Double.class));
  }

  private static @Nullable String cut(@Nullable String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
