package dev.vigil.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The labels table of one record type ({@code owner id, label}), shared by the repositories. */
public final class LabelTable {

  private final JdbcClient jdbc;
  private final String table;
  private final String owner;

  /** The labels in {@code table}, whose owner id column is {@code owner}. */
  public LabelTable(JdbcClient jdbc, String table, String owner) {
    this.jdbc = jdbc;
    this.table = table;
    this.owner = owner;
  }

  /** Adds each distinct label to the record. */
  public void write(long id, List<String> labels) {
    for (String label : new LinkedHashSet<>(labels)) {
      jdbc.sql("insert into " + table + " (" + owner + ", label) values (?, ?)")
          .params(id, label)
          .update();
    }
  }

  /** Replaces the record's labels. */
  public void replace(long id, List<String> labels) {
    jdbc.sql("delete from " + table + " where " + owner + " = ?").param(id).update();
    write(id, labels);
  }

  /**
   * The labels of each of the records, sorted (by the database, as {@link #read}); a record without
   * any maps to none. One array parameter per {@value Sql#IDS_PER_ARRAY} ids (see {@link
   * Sql#byIdArrays}), never one {@code ?} per id.
   */
  public Map<Long, List<String>> readAll(Collection<Long> ids) {
    Map<Long, List<String>> all = new HashMap<>();
    Sql.byIdArrays(
            new LinkedHashSet<>(ids),
            a ->
                jdbc.sql(
                        "select t."
                            + owner
                            + " o, t.label from "
                            + table
                            + " t join unnest(?) as u(v) on t."
                            + owner
                            + " = u.v order by t.label")
                    .param(a)
                    .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .list())
        .forEach(e -> all.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return all;
  }

  /** The ids of the records carrying exactly {@code label}, ascending. */
  public List<Long> owners(String label) {
    return jdbc.sql("select " + owner + " from " + table + " where label = ? order by " + owner)
        .param(label)
        .query(Long.class)
        .list();
  }

  /** The record's labels, sorted. */
  public List<String> read(long id) {
    return jdbc.sql("select label from " + table + " where " + owner + " = ? order by label")
        .param(id)
        .query(String.class)
        .list();
  }
}
