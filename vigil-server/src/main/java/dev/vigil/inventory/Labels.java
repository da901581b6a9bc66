package dev.vigil.inventory;

import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The labels table of one inventory record type. */
final class Labels {

  private final JdbcClient jdbc;
  private final String table;
  private final String owner;

  Labels(JdbcClient jdbc, String table, String owner) {
    this.jdbc = jdbc;
    this.table = table;
    this.owner = owner;
  }

  void write(long id, List<String> labels) {
    for (String label : new LinkedHashSet<>(labels)) {
      jdbc.sql("insert into " + table + " (" + owner + ", label) values (?, ?)")
          .params(id, label)
          .update();
    }
  }

  void replace(long id, List<String> labels) {
    jdbc.sql("delete from " + table + " where " + owner + " = ?").param(id).update();
    write(id, labels);
  }

  List<String> read(long id) {
    return jdbc.sql("select label from " + table + " where " + owner + " = ? order by label")
        .param(id)
        .query(String.class)
        .list();
  }
}
