package dev.vigil.testsupport;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows that repository contracts need as parents, written with plain SQL. */
public final class TestRows {

  private TestRows() {}

  /**
   * A READY package "ssg" and a manual job "nightly" scanning it (profile {@code p} of {@code
   * ds.xml}, max parallel 10), both made at {@code at}; returns the job's id.
   */
  public static long packageAndJob(JdbcClient jdbc, Instant at) {
    Object t = at.atOffset(ZoneOffset.UTC);
    jdbc.sql(
            "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                + " updated_at) values ('u1', 'ssg', 'https://e.invalid/ssg.zip', true, 'READY', ?, ?)")
        .params(t, t)
        .update();
    long pkg = jdbc.sql("select id from security_packages").query(Long.class).single();
    jdbc.sql(
            "insert into jobs (name, enabled, security_package_id, scan_path, security_profile,"
                + " schedule_mode, target_type, timeout_minutes, max_parallel, retries_on_timeout,"
                + " created_at, updated_at) values ('nightly', true, ?, 'ds.xml', 'p', 'manual',"
                + " 'server', 30, 10, 0, ?, ?)")
        .params(pkg, t, t)
        .update();
    return jdbc.sql("select id from jobs").query(Long.class).single();
  }
}
