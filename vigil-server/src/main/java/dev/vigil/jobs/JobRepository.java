package dev.vigil.jobs;

import dev.vigil.access.UserRef;
import dev.vigil.storage.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Security scan jobs, their labels and targets in the database. */
@Repository
class JobRepository {

  private static final Map<String, String> SORTS =
      Map.of(
          "id", "j.id",
          "name", "lower(j.name)",
          "enabled", "j.enabled",
          "dateCreated", "j.created_at",
          "lastUpdated", "j.updated_at");

  private final JdbcClient jdbc;
  private final JobRows rows;

  JobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.rows = new JobRows(jdbc);
  }

  long insert(Job j) {
    return create(j).id();
  }

  /**
   * Inserts the job and answers it as stored: its row and labels read back, its targets as written
   * with their generated ids (100,000 targets are not read and sorted again).
   */
  Job create(Job j) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into jobs (name, description, enabled, security_package_id, scan_path,"
                + " security_profile, schedule_mode, schedule_id, date_time, target_type,"
                + " target_label, timeout_minutes, max_parallel, retries_on_timeout,"
                + " keep_min_days, delete_after_days, security_tailoring_id, created_by_id,"
                + " created_by_username, created_by_display_name, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(with(details(j), creator(j)))
        .update(keys, "id");
    long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    rows.replaceLabels(id, j.labels());
    List<JobTarget> targets = rows.insertTargets(id, j.refIds());
    Job row =
        jdbc.sql("select " + JobRows.COLUMNS + " from jobs j where j.id = ?")
            .param(id)
            .query(JobRows::row)
            .single();
    return rows.complete(row, targets);
  }

  void update(Job j) {
    jdbc.sql(
            "update jobs set name = ?, description = ?, enabled = ?, security_package_id = ?,"
                + " scan_path = ?, security_profile = ?, schedule_mode = ?, schedule_id = ?,"
                + " date_time = ?, target_type = ?, target_label = ?, timeout_minutes = ?,"
                + " max_parallel = ?,"
                + " retries_on_timeout = ?, keep_min_days = ?, delete_after_days = ?,"
                + " security_tailoring_id = ?, updated_at = ? where id = ?")
        .params(with(details(j), List.of(JobRows.ts(j.updatedAt()), j.id())))
        .update();
    rows.replaceLabels(j.id(), j.labels());
    rows.replaceTargets(j.id(), j.refIds());
  }

  private static List<@Nullable Object> creator(Job j) {
    UserRef by = j.createdBy();
    return java.util.Arrays.asList(
        by == null ? null : by.id(),
        by == null ? null : by.username(),
        by == null ? null : by.displayName(),
        JobRows.ts(j.createdAt()),
        JobRows.ts(j.updatedAt()));
  }

  private static List<@Nullable Object> with(List<@Nullable Object> a, List<?> b) {
    List<@Nullable Object> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<@Nullable Object> details(Job j) {
    return java.util.Arrays.asList(
        j.name(),
        j.description(),
        j.enabled(),
        j.packageId(),
        j.scanPath(),
        j.securityProfile(),
        j.scheduleMode().name(),
        j.scheduleId(),
        JobRows.ts(j.dateTime()),
        j.targetType().name(),
        j.targetLabel(),
        j.options().timeoutMinutes(),
        j.options().maxParallel(),
        j.options().retriesOnTimeout(),
        j.options().keepMinDays(),
        j.options().deleteAfterDays(),
        j.securityTailoringId());
  }

  Optional<Job> find(long id) {
    return select(" where j.id = ?", List.of(id)).stream().findFirst();
  }

  /** Like {@link #find} but locks the row until the transaction ends. */
  Optional<Job> findForUpdate(long id) {
    return select(" where j.id = ? for update", List.of(id)).stream().findFirst();
  }

  boolean nameTaken(String name, @Nullable Long exceptId) {
    return jdbc.sql("select count(*) from jobs where lower(name) = lower(?) and id <> ?")
            .params(name, exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<Job> list(JobQuery q) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    String order = SORTS.get(q.list().sortOr(SORTS.keySet(), "name"));
    params.add(q.list().max());
    params.add(q.list().offset());
    String tail = (q.list().descending() ? " desc" : " asc") + ", j.id limit ? offset ?";
    return select(where + " order by " + order + tail, params);
  }

  long count(JobQuery q) {
    List<Object> params = new ArrayList<>();
    String sql = "select count(*) from jobs j" + where(q, params);
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  void delete(long id) {
    jdbc.sql("delete from jobs where id = ?").param(id).update();
  }

  /** Names of the jobs that scan with this package. */
  List<String> namesUsingPackage(long packageId) {
    return names("security_package_id", packageId);
  }

  /** Names of the jobs started by this execute schedule. */
  List<String> namesUsingSchedule(long scheduleId) {
    return names("schedule_id", scheduleId);
  }

  /** The jobs an execute schedule starts, enabled or not, by name. */
  List<Job> usingSchedule(long scheduleId) {
    return select(" where j.schedule_id = ? order by lower(j.name), j.id", List.of(scheduleId));
  }

  /** Enabled jobs with a date-time or an execute schedule, by id. */
  List<Job> scheduled() {
    return select(
        " where j.enabled = true and j.schedule_mode <> 'MANUAL' order by j.id", List.of());
  }

  /** Jobs with a date-time or an execute schedule, enabled or not, by id. */
  List<Job> timed() {
    return select(" where j.schedule_mode <> 'MANUAL' order by j.id", List.of());
  }

  private List<String> names(String column, long id) {
    return jdbc.sql("select name from jobs where " + column + " = ? order by lower(name)")
        .param(id)
        .query(String.class)
        .list();
  }

  private List<Job> select(String tail, List<?> params) {
    return jdbc
        .sql("select " + JobRows.COLUMNS + " from jobs j" + tail)
        .params(params)
        .query(JobRows::row)
        .list()
        .stream()
        .map(rows::complete)
        .toList();
  }

  private static String where(JobQuery q, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (q.list().name() != null) {
      clauses.add("j.name = ?");
      params.add(q.list().name());
    }
    if (q.list().phrase() != null) {
      clauses.add("(lower(j.name) like ? or lower(coalesce(j.description, '')) like ?)");
      String like = Sql.contains(q.list().phrase());
      params.add(like);
      params.add(like);
    }
    if (!q.anyLabels().isEmpty()) {
      clauses.add(
          "exists (select 1 from job_labels l where l.job_id = j.id and l.label in ("
              + String.join(", ", Collections.nCopies(q.anyLabels().size(), "?"))
              + "))");
      params.addAll(q.anyLabels());
    }
    for (String label : Set.copyOf(q.allLabels())) {
      clauses.add("exists (select 1 from job_labels l where l.job_id = j.id and l.label = ?)");
      params.add(label);
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }
}
