package dev.vigil.executions;

import dev.vigil.access.UserRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Maps job execution and target run rows to their records. */
final class ExecutionRows {

  static final String EXECUTION_COLUMNS =
      "id, job_id, job_name, status, trigger_type, created_by_id, created_by_username,"
          + " created_by_display_name, created_at, started_at, finished_at, total_count,"
          + " done_count, failed_count, plan_package_id, plan_package_name, plan_version_id,"
          + " plan_version_no, plan_scan_path, plan_profile, plan_timeout_minutes,"
          + " plan_max_parallel, plan_retries_on_timeout, plan_tailoring_id, plan_tailoring_version";

  static final String RUN_COLUMNS =
      "id, execution_id, server_id, server_name, position, status, reason, failure_code, scan_id,"
          + " started_at, finished_at, attempt, node, rules_evaluated, rules_total,"
          + " output, node_losses";

  private ExecutionRows() {}

  static JobExecution execution(ResultSet rs, int n) throws SQLException {
    long byId = rs.getLong("created_by_id");
    UserRef by =
        rs.wasNull()
            ? null
            : new UserRef(
                byId, rs.getString("created_by_username"), rs.getString("created_by_display_name"));
    return new JobExecution(
        rs.getLong("id"),
        nullableLong(rs, "job_id"),
        rs.getString("job_name"),
        ExecutionStatus.of(rs.getString("status")),
        rs.getString("trigger_type"),
        by,
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getInt("total_count"),
        rs.getInt("done_count"),
        rs.getInt("failed_count"),
        plan(rs));
  }

  private static ExecutionPlan plan(ResultSet rs) throws SQLException {
    Long version = nullableLong(rs, "plan_version_id");
    if (version == null) {
      return null;
    }
    return new ExecutionPlan(
        rs.getLong("plan_package_id"),
        rs.getString("plan_package_name"),
        version,
        rs.getInt("plan_version_no"),
        rs.getString("plan_scan_path"),
        rs.getString("plan_profile"),
        rs.getInt("plan_timeout_minutes"),
        rs.getInt("plan_max_parallel"),
        rs.getInt("plan_retries_on_timeout"),
        nullableLong(rs, "plan_tailoring_id"),
        rs.getObject("plan_tailoring_version", Integer.class));
  }

  static TargetRun run(ResultSet rs, int n) throws SQLException {
    return new TargetRun(
        rs.getLong("id"),
        rs.getLong("execution_id"),
        nullableLong(rs, "server_id"),
        rs.getString("server_name"),
        rs.getInt("position"),
        TargetRunStatus.of(rs.getString("status")),
        rs.getString("reason"),
        rs.getString("failure_code"),
        nullableLong(rs, "scan_id"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getInt("attempt"),
        rs.getString("node"),
        nullableInt(rs, "rules_evaluated"),
        nullableInt(rs, "rules_total"),
        rs.getString("output"),
        rs.getInt("node_losses"));
  }

  static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
