package dev.vigil.jobs;

import dev.vigil.access.UserRef;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads job rows and keeps a job's labels and targets tables. */
final class JobRows {

  static final String COLUMNS =
      "j.id, j.name, j.description, j.enabled, j.security_package_id, j.scan_path,"
          + " j.security_profile, j.schedule_mode, j.schedule_id, j.date_time, j.target_type,"
          + " j.target_label,"
          + " j.timeout_minutes, j.max_parallel, j.retries_on_timeout, j.keep_min_days,"
          + " j.delete_after_days, j.created_by_id,"
          + " j.created_by_username, j.created_by_display_name, j.created_at, j.updated_at,"
          + " j.security_tailoring_id";

  private final JdbcClient jdbc;

  JobRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A job row without labels and targets (see {@link #complete}). */
  static Job row(ResultSet rs, int n) throws SQLException {
    long createdById = rs.getLong("created_by_id");
    UserRef createdBy =
        rs.wasNull()
            ? null
            : new UserRef(
                createdById,
                rs.getString("created_by_username"),
                rs.getString("created_by_display_name"));
    return new Job(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("description"),
        List.of(),
        rs.getBoolean("enabled"),
        rs.getLong("security_package_id"),
        rs.getString("scan_path"),
        rs.getString("security_profile"),
        ScheduleMode.valueOf(rs.getString("schedule_mode")),
        rs.getObject("schedule_id", Long.class),
        instant(rs, "date_time"),
        TargetType.valueOf(rs.getString("target_type")),
        List.of(),
        rs.getString("target_label"),
        new JobOptions(
            rs.getInt("timeout_minutes"),
            rs.getInt("max_parallel"),
            rs.getInt("retries_on_timeout"),
            rs.getInt("keep_min_days"),
            rs.getObject("delete_after_days", Integer.class)),
        createdBy,
        Sql.requiredInstant(rs, "created_at"),
        Sql.requiredInstant(rs, "updated_at"),
        rs.getObject("security_tailoring_id", Long.class));
  }

  /** The job with its labels and targets read. */
  Job complete(Job j) {
    return complete(
        j,
        jdbc.sql("select id, ref_id from job_targets where job_id = ? order by position")
            .param(j.id())
            .query((rs, n) -> new JobTarget(rs.getLong("id"), rs.getLong("ref_id")))
            .list());
  }

  /** The job with its labels read and these targets (as just written: not read again). */
  Job complete(Job j, List<JobTarget> targets) {
    List<String> labels =
        jdbc.sql("select label from job_labels where job_id = ? order by label")
            .param(j.id())
            .query(String.class)
            .list();
    return new Job(
        j.id(),
        j.name(),
        j.description(),
        labels,
        j.enabled(),
        j.packageId(),
        j.scanPath(),
        j.securityProfile(),
        j.scheduleMode(),
        j.scheduleId(),
        j.dateTime(),
        j.targetType(),
        targets,
        j.targetLabel(),
        j.options(),
        j.createdBy(),
        j.createdAt(),
        j.updatedAt(),
        j.securityTailoringId());
  }

  void replaceLabels(long jobId, List<String> labels) {
    jdbc.sql("delete from job_labels where job_id = ?").param(jobId).update();
    for (String label : new LinkedHashSet<>(labels)) {
      jdbc.sql("insert into job_labels (job_id, label) values (?, ?)")
          .params(jobId, label)
          .update();
    }
  }

  /** Rewrites the targets when their server or instance ids changed; keeps them otherwise. */
  void replaceTargets(long jobId, List<Long> refIds) {
    List<Long> current =
        jdbc.sql("select ref_id from job_targets where job_id = ? order by position")
            .param(jobId)
            .query(Long.class)
            .list();
    if (current.equals(refIds)) {
      return;
    }
    jdbc.sql("delete from job_targets where job_id = ?").param(jobId).update();
    insertTargets(jobId, refIds);
  }

  /** Stores the targets of a job that has none yet, in order; answers them with their ids. */
  List<JobTarget> insertTargets(long jobId, List<Long> refIds) {
    long[] ids =
        Sql.insertPositioned(jdbc, "job_targets", "job_id", "position", "ref_id", jobId, refIds);
    List<JobTarget> targets = new ArrayList<>(ids.length);
    for (int position = 0; position < ids.length; position++) {
      targets.add(new JobTarget(ids[position], refIds.get(position)));
    }
    return targets;
  }

  static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
