package dev.vigil.schedules;

import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;

import dev.vigil.shared.ListQuery;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Execute schedules in the database. */
@Repository
class ScheduleRepository {

  private static final Map<String, String> SORTS =
      Map.of(
          "id", "s.id",
          "name", "lower(s.name)",
          "cron", "s.cron",
          "enabled", "s.enabled",
          "dateCreated", "s.created_at",
          "lastUpdated", "s.updated_at");

  private static final String COLUMNS =
      "s.id, s.name, s.description, s.cron, s.schedule_timezone, s.enabled, s.created_by,"
          + " s.created_at, s.updated_at";

  private final JdbcClient jdbc;

  ScheduleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(ExecuteSchedule s) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into execute_schedules (name, description, cron, schedule_timezone, enabled,"
                + " created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Sql.values(
                s.name(),
                s.description(),
                s.cron(),
                s.timezone(),
                s.enabled(),
                s.createdBy(),
                ts(s.createdAt()),
                ts(s.updatedAt())))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
  }

  void update(ExecuteSchedule s) {
    jdbc.sql(
            "update execute_schedules set name = ?, description = ?, cron = ?,"
                + " schedule_timezone = ?, enabled = ?, updated_at = ? where id = ?")
        .params(
            Sql.values(
                s.name(),
                s.description(),
                s.cron(),
                s.timezone(),
                s.enabled(),
                ts(s.updatedAt()),
                s.id()))
        .update();
  }

  Optional<ExecuteSchedule> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from execute_schedules s where s.id = ?")
        .param(id)
        .query(this::row)
        .optional();
  }

  /** Like {@link #find} but locks the row until the transaction ends. */
  Optional<ExecuteSchedule> findForUpdate(long id) {
    return jdbc.sql("select " + COLUMNS + " from execute_schedules s where s.id = ? for update")
        .param(id)
        .query(this::row)
        .optional();
  }

  boolean nameTaken(String name, @Nullable Long exceptId) {
    return jdbc.sql(
                "select count(*) from execute_schedules where lower(name) = lower(?) and id <> ?")
            .params(name, exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<ExecuteSchedule> list(ListQuery q) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    String order = SORTS.get(q.sortOr(SORTS.keySet(), "name"));
    String sql =
        "select "
            + COLUMNS
            + " from execute_schedules s"
            + where
            + " order by "
            + order
            + (q.descending() ? " desc" : " asc")
            + ", s.id limit ? offset ?";
    params.add(q.max());
    params.add(q.offset());
    return jdbc.sql(sql).params(params).query(this::row).list();
  }

  long count(ListQuery q) {
    List<Object> params = new ArrayList<>();
    String sql = "select count(*) from execute_schedules s" + where(q, params);
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  void delete(long id) {
    jdbc.sql("delete from execute_schedules where id = ?").param(id).update();
  }

  private static String where(ListQuery q, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (q.name() != null) {
      clauses.add("s.name = ?");
      params.add(q.name());
    }
    if (q.phrase() != null) {
      clauses.add("(lower(s.name) like ? or lower(coalesce(s.description, '')) like ?)");
      String like = Sql.contains(q.phrase());
      params.add(like);
      params.add(like);
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private ExecuteSchedule row(ResultSet rs, int n) throws SQLException {
    return new ExecuteSchedule(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("cron"),
        rs.getString("schedule_timezone"),
        rs.getBoolean("enabled"),
        rs.getString("created_by"),
        requiredInstant(rs, "created_at"),
        requiredInstant(rs, "updated_at"));
  }
}
