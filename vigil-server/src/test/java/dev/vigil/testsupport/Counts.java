package dev.vigil.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Counts rows straight in the database, for tests that check what was (not) written. */
public final class Counts {

  private Counts() {}

  /** The number of rows in {@code table}. */
  public static long rows(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  /** The number of rows in {@code table} whose {@code name} column is {@code name}. */
  public static long named(JdbcClient jdbc, String table, String name) {
    return jdbc.sql("select count(*) from " + table + " where name = ?")
        .param(name)
        .query(Long.class)
        .single();
  }
}
