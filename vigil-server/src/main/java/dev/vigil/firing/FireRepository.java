package dev.vigil.firing;

import dev.vigil.jobs.ScheduleMode;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Jobs' fire marks and their latest fires in the database. */
@Repository
class FireRepository {

  private static final String MARK_COLUMNS =
      "job_id, schedule_mode, schedule_id, date_time, cron, schedule_timezone, handled_through";
  private static final String FIRE_COLUMNS =
      "id, job_id, scheduled_for, handled_at, outcome, execution_id, reason";

  private final JdbcClient jdbc;

  FireRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every stored mark by job id. */
  Map<Long, FireMark> marks() {
    return jdbc
        .sql("select " + MARK_COLUMNS + " from job_fire_marks")
        .query(FireRepository::mark)
        .list()
        .stream()
        .collect(Collectors.toMap(FireMark::jobId, Function.identity()));
  }

  /** The job's mark, its row locked until the transaction ends. */
  Optional<FireMark> markForUpdate(long jobId) {
    return jdbc.sql("select " + MARK_COLUMNS + " from job_fire_marks where job_id = ? for update")
        .param(jobId)
        .query(FireRepository::mark)
        .optional();
  }

  /** Stores the job's mark, replacing the one it had. */
  void saveMark(FireMark m) {
    FireKey k = m.key();
    int updated =
        jdbc.sql(
                "update job_fire_marks set schedule_mode = ?, schedule_id = ?, date_time = ?,"
                    + " cron = ?, schedule_timezone = ?, handled_through = ? where job_id = ?")
            .params(
                Arrays.asList(
                    k.mode().name(),
                    k.scheduleId(),
                    Sql.ts(k.dateTime()),
                    k.cron(),
                    k.timezone(),
                    Sql.ts(m.handledThrough()),
                    m.jobId()))
            .update();
    if (updated == 0) {
      jdbc.sql("insert into job_fire_marks (" + MARK_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")
          .params(
              Arrays.asList(
                  m.jobId(),
                  k.mode().name(),
                  k.scheduleId(),
                  Sql.ts(k.dateTime()),
                  k.cron(),
                  k.timezone(),
                  Sql.ts(m.handledThrough())))
          .update();
    }
  }

  /** Forgets the mark of a job that is no longer timed: when it is again, it starts afresh. */
  void deleteMark(long jobId) {
    jdbc.sql("delete from job_fire_marks where job_id = ?").param(jobId).update();
  }

  /** Saves a fire and returns it with its id. */
  JobFire insertFire(JobFire f) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into job_fires (job_id, scheduled_for, handled_at, outcome, execution_id,"
                + " reason) values (?, ?, ?, ?, ?, ?)")
        .params(
            Arrays.asList(
                f.jobId(),
                Sql.ts(f.scheduledFor()),
                Sql.ts(f.handledAt()),
                f.outcome().code(),
                f.executionId(),
                f.reason()))
        .update(keys, "id");
    long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    return new JobFire(
        id, f.jobId(), f.scheduledFor(), f.handledAt(), f.outcome(), f.executionId(), f.reason());
  }

  /** Deletes the job's fires but the latest {@code keep}. */
  void trimFires(long jobId, int keep) {
    jdbc.sql("select id from job_fires where job_id = ? order by id desc limit 1 offset ?")
        .params(jobId, keep)
        .query(Long.class)
        .optional()
        .ifPresent(
            oldest ->
                jdbc.sql("delete from job_fires where job_id = ? and id <= ?")
                    .params(jobId, oldest)
                    .update());
  }

  /** The job's fires newest first, {@code max} of them from {@code offset}. */
  List<JobFire> fires(long jobId, int offset, int max) {
    return jdbc.sql(
            "select "
                + FIRE_COLUMNS
                + " from job_fires where job_id = ? order by id desc limit ? offset ?")
        .params(jobId, max, offset)
        .query(FireRepository::fire)
        .list();
  }

  long countFires(long jobId) {
    return jdbc.sql("select count(*) from job_fires where job_id = ?")
        .param(jobId)
        .query(Long.class)
        .single();
  }

  private static FireMark mark(ResultSet rs, int n) throws SQLException {
    long scheduleId = rs.getLong("schedule_id");
    Long schedule = rs.wasNull() ? null : scheduleId;
    FireKey key =
        new FireKey(
            ScheduleMode.valueOf(rs.getString("schedule_mode")),
            schedule,
            Sql.instant(rs, "date_time"),
            rs.getString("cron"),
            rs.getString("schedule_timezone"));
    return new FireMark(rs.getLong("job_id"), key, Sql.requiredInstant(rs, "handled_through"));
  }

  private static JobFire fire(ResultSet rs, int n) throws SQLException {
    long executionId = rs.getLong("execution_id");
    Long execution = rs.wasNull() ? null : executionId;
    return new JobFire(
        rs.getLong("id"),
        rs.getLong("job_id"),
        Sql.requiredInstant(rs, "scheduled_for"),
        Sql.requiredInstant(rs, "handled_at"),
        FireOutcome.of(rs.getString("outcome")),
        execution,
        rs.getString("reason"));
  }
}
