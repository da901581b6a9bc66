package dev.vigil.executions;

import static dev.vigil.executions.ExecutionRows.ts;

import dev.vigil.access.UserRef;
import dev.vigil.shared.ListQuery;
import dev.vigil.storage.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Job executions and their target runs in the database. */
@Repository
class ExecutionRepository {

  private static final String SELECT_EXECUTION =
      "select " + ExecutionRows.EXECUTION_COLUMNS + " from job_executions";
  private static final String SELECT_RUN =
      "select " + ExecutionRows.RUN_COLUMNS + " from target_runs";

  /** Target runs written by one insert statement when an execution starts. */
  static final int RUNS_PER_INSERT = 500;

  /** Extra candidates read per hand-over, so one lost race does not need another query. */
  private static final int SPARE_CANDIDATES = 4;

  private final JdbcClient jdbc;

  /**
   * Whether the database skips rows other transactions locked in a limited select ({@code for
   * update skip locked} applied before the limit): PostgreSQL; H2 applies the limit first.
   */
  private final boolean skipLocked;

  /**
   * How {@link #findForUpdate} locks an execution's row. PostgreSQL: {@code for no key update},
   * which does not wait for (nor block) the key-share locks that every recording's foreign key to
   * its execution holds until its commit; {@code for update} queued each status change behind the
   * recordings in flight, and new recordings behind it. H2 knows only {@code for update}.
   */
  private final String executionLock;

  ExecutionRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    boolean postgres = Sql.isPostgres(dataSource);
    this.skipLocked = postgres;
    this.executionLock = postgres ? " for no key update" : " for update";
  }

  long insert(JobExecution e) {
    UserRef by = e.createdBy();
    ExecutionPlan p = e.plan();
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into job_executions (job_id, job_name, status, trigger_type, created_by_id,"
                + " created_by_username, created_by_display_name, created_at, total_count,"
                + " done_count, failed_count, plan_package_id, plan_package_name,"
                + " plan_version_id, plan_version_no, plan_scan_path, plan_profile,"
                + " plan_timeout_minutes, plan_max_parallel, plan_retries_on_timeout,"
                + " plan_tailoring_id, plan_tailoring_version)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Arrays.asList(
                e.jobId(),
                e.jobName(),
                e.status().code(),
                e.trigger(),
                by == null ? null : by.id(),
                by == null ? null : by.username(),
                by == null ? null : by.displayName(),
                ts(e.createdAt()),
                e.total(),
                e.done(),
                e.failed(),
                p == null ? null : p.packageId(),
                p == null ? null : p.packageName(),
                p == null ? null : p.packageVersionId(),
                p == null ? null : p.packageVersionNo(),
                p == null ? null : p.scanPath(),
                p == null ? null : p.profileId(),
                p == null ? null : p.timeoutMinutes(),
                p == null ? null : p.maxParallel(),
                p == null ? null : p.retriesOnTimeout(),
                p == null ? null : p.tailoringId(),
                p == null ? null : p.tailoringVersion()))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    if (e.jobId() != null) {
      // the caller holds the job's row lock: no other execution of the job starts meanwhile
      jdbc.sql(
              "update job_executions set job_seq = (select coalesce(max(x.job_seq), 0) + 1"
                  + " from job_executions x where x.job_id = ?) where id = ?")
          .params(e.jobId(), id)
          .update();
    }
    return id;
  }

  /** Each execution's number among its job's executions, by execution id (absent when null). */
  Map<Long, Integer> jobNumbers(Collection<Long> ids) {
    Map<Long, Integer> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    jdbc.sql(
            "select id, job_seq from job_executions where job_seq is not null and id in ("
                + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ")")
        .params(List.copyOf(ids))
        .query(
            (rs, n) -> {
              out.put(rs.getLong(1), rs.getInt(2));
              return null;
            })
        .list();
    return out;
  }

  /**
   * The executions still queued or running that pinned a version of the package, as "execution 12
   * (job nightly)".
   */
  List<String> activePinning(long packageId) {
    return jdbc.sql(
            "select id, job_name from job_executions where plan_package_id = ?"
                + " and status in ('queued', 'running') order by id")
        .param(packageId)
        .query(
            (rs, i) -> "execution " + rs.getLong("id") + " (job " + rs.getString("job_name") + ")")
        .list();
  }

  void update(JobExecution e) {
    jdbc.sql(
            "update job_executions set status = ?, started_at = ?, finished_at = ?,"
                + " total_count = ?, done_count = ?, failed_count = ? where id = ?")
        .params(
            Arrays.asList(
                e.status().code(),
                ts(e.startedAt()),
                ts(e.finishedAt()),
                e.total(),
                e.done(),
                e.failed(),
                e.id()))
        .update();
  }

  void insertRun(TargetRun r) {
    insertRuns(List.of(r));
  }

  /** Inserts the runs, {@value #RUNS_PER_INSERT} to a statement. */
  void insertRuns(List<TargetRun> runs) {
    for (int from = 0; from < runs.size(); from += RUNS_PER_INSERT) {
      List<TargetRun> chunk = runs.subList(from, Math.min(runs.size(), from + RUNS_PER_INSERT));
      List<Object> params = new ArrayList<>(chunk.size() * 5);
      for (TargetRun r : chunk) {
        params.addAll(
            Arrays.asList(
                r.executionId(), r.serverId(), r.serverName(), r.position(), r.status().code()));
      }
      jdbc.sql(
              "insert into target_runs (execution_id, server_id, server_name, position, status)"
                  + " values "
                  + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?)")))
          .params(params)
          .update();
    }
  }

  void updateRun(TargetRun r) {
    jdbc.sql(
            "update target_runs set status = ?, reason = ?, failure_code = ?, scan_id = ?,"
                + " started_at = ?, finished_at = ?, attempt = ?, node = ?, rules_evaluated = ?,"
                + " rules_total = ?, output = ?, node_losses = ? where id = ?")
        .params(
            Arrays.asList(
                r.status().code(),
                r.reason(),
                r.failureCode(),
                r.scanId(),
                ts(r.startedAt()),
                ts(r.finishedAt()),
                r.attempt(),
                r.node(),
                r.rulesEvaluated(),
                r.rulesTotal(),
                r.output(),
                r.nodeLosses(),
                r.id()))
        .update();
  }

  /**
   * Writes the cancelled run only if it is still queued (a claim may have won the race); true when
   * it was.
   */
  boolean cancelIfQueued(TargetRun cancelled) {
    return jdbc.sql(
                "update target_runs set status = ?, reason = ?, failure_code = ?, finished_at = ?"
                    + " where id = ? and status = 'queued'")
            .params(
                Arrays.asList(
                    cancelled.status().code(),
                    cancelled.reason(),
                    cancelled.failureCode(),
                    ts(cancelled.finishedAt()),
                    cancelled.id()))
            .update()
        == 1;
  }

  /**
   * Writes a running run's step and progress, only while it is still running as {@code attempt} (a
   * run that ended or was claimed again meanwhile is left alone); true when written.
   */
  boolean updateProgress(TargetRun r) {
    return jdbc.sql(
                "update target_runs set status = ?, rules_evaluated = ?,"
                    + " rules_total = coalesce(?, rules_total) where id = ? and attempt = ?"
                    + " and status in ('connecting', 'scanning', 'collecting')")
            .params(
                Arrays.asList(
                    r.status().code(), r.rulesEvaluated(), r.rulesTotal(), r.id(), r.attempt()))
            .update()
        == 1;
  }

  /** How many of the execution's runs are in each state. */
  Map<TargetRunStatus, Integer> statusCounts(long executionId) {
    Map<TargetRunStatus, Integer> counts = new EnumMap<>(TargetRunStatus.class);
    jdbc.sql("select status, count(*) n from target_runs where execution_id = ? group by status")
        .param(executionId)
        .query((rs, i) -> counts.put(TargetRunStatus.of(rs.getString("status")), rs.getInt("n")))
        .list();
    return counts;
  }

  /**
   * The ids of target runs some node should be working on: running (connecting, scanning,
   * collecting), or queued and handed to the scheduler.
   */
  List<Long> handedOverRunIds() {
    return jdbc.sql(
            "select id from target_runs where status in ('connecting', 'scanning', 'collecting')"
                + " or (status = 'queued' and dispatched_at is not null) order by id")
        .query(Long.class)
        .list();
  }

  /**
   * The handed-over runs (see {@link #handedOverRunIds}) handed over or claimed before {@code
   * cutoff}: those the reconciliation may take for stranded when they have no task.
   */
  List<Long> handedOverRunIdsBefore(Instant cutoff) {
    return jdbc.sql(
            "select id from target_runs where (status in ('connecting', 'scanning', 'collecting')"
                + " and (started_at is null or started_at < ?))"
                + " or (status = 'queued' and dispatched_at < ?) order by id")
        .params(ts(cutoff), ts(cutoff))
        .query(Long.class)
        .list();
  }

  /** Locks the run's row when it is still handed over; false (nothing locked) otherwise. */
  boolean lockIfHandedOver(long runId) {
    return !jdbc.sql(
            "select id from target_runs where id = ? and (status in ('connecting', 'scanning',"
                + " 'collecting') or (status = 'queued' and dispatched_at is not null)) for update")
        .param(runId)
        .query(Long.class)
        .list()
        .isEmpty();
  }

  /**
   * Executions not ended that have queued runs never handed over and no run handed over or running:
   * nothing would ever hand their runs over.
   */
  List<Long> stalledExecutionIds() {
    return jdbc.sql(
            "select e.id from job_executions e where e.status in ('queued', 'running')"
                + " and exists (select 1 from target_runs r where r.execution_id = e.id"
                + " and r.status = 'queued' and r.dispatched_at is null)"
                + " and not exists (select 1 from target_runs r where r.execution_id = e.id"
                + " and (r.status in ('connecting', 'scanning', 'collecting')"
                + " or (r.status = 'queued' and r.dispatched_at is not null))) order by e.id")
        .query(Long.class)
        .list();
  }

  /**
   * Moves a queued execution to running at its first claim; false when it was not queued (an
   * earlier claim moved it). One conditional update: claims that race wait only for each other's
   * row lock, then find it running.
   */
  boolean markRunning(long executionId, Instant now) {
    return jdbc.sql(
                "update job_executions set status = 'running', started_at = ? where id = ?"
                    + " and status = 'queued'")
            .params(ts(now), executionId)
            .update()
        == 1;
  }

  /** Executions not ended whose runs have all ended. */
  List<Long> settledExecutionIds() {
    return jdbc.sql(
            "select e.id from job_executions e where e.status in ('queued', 'running')"
                + " and not exists (select 1 from target_runs r where r.execution_id = e.id"
                + " and r.status in ('queued', 'connecting', 'scanning', 'collecting'))"
                + " order by e.id")
        .query(Long.class)
        .list();
  }

  /**
   * Records a cancel of the execution (the first one wins; its row stays locked until the caller's
   * transaction ends).
   */
  void requestCancel(long executionId, String reason, Instant now) {
    jdbc.sql(
            "update job_executions set cancel_requested_at = ?, cancel_reason = ? where id = ?"
                + " and cancel_requested_at is null")
        .params(ts(now), reason, executionId)
        .update();
  }

  /** What a claim reads of its execution: its status, and its cancel's reason when cancelled. */
  record ClaimView(ExecutionStatus status, Optional<String> cancelReason) {}

  /** The execution's status and cancel, in one read (the execution exists: a run names it). */
  ClaimView claimView(long executionId) {
    return jdbc.sql(
            "select status, cancel_requested_at, cancel_reason from job_executions where id = ?")
        .param(executionId)
        .query(
            (rs, i) ->
                new ClaimView(
                    ExecutionStatus.of(rs.getString(1)),
                    rs.getObject(2) == null
                        ? Optional.empty()
                        : Optional.of(rs.getString(3) == null ? "cancelled" : rs.getString(3))))
        .single();
  }

  /** The reason of the execution's cancel; empty when it was not cancelled. */
  Optional<String> cancelReason(long executionId) {
    return jdbc.sql(
            "select cancel_reason from job_executions where id = ?"
                + " and cancel_requested_at is not null")
        .param(executionId)
        .query((rs, i) -> rs.getString(1) == null ? "cancelled" : rs.getString(1))
        .optional();
  }

  /** Those of {@code executionIds} that were cancelled. */
  List<Long> cancelledAmong(Collection<Long> executionIds) {
    if (executionIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select id from job_executions where id in (:ids) and cancel_requested_at is not null")
        .param("ids", executionIds)
        .query(Long.class)
        .list();
  }

  /** The execution, with its counts so far when it has not ended. */
  Optional<JobExecution> find(long id) {
    return jdbc.sql(SELECT_EXECUTION + " where id = ?")
        .param(id)
        .query(ExecutionRows::execution)
        .optional()
        .map(e -> live(List.of(e)).get(0));
  }

  /**
   * The executions, those not ended with their done and failed counts read from their runs in one
   * grouped query: a run's end writes nothing to its execution's row (which every finishing run
   * would otherwise take turns on) until the execution ends, when {@link #update} writes the final
   * counts.
   */
  private List<JobExecution> live(List<JobExecution> executions) {
    List<Long> open =
        executions.stream().filter(e -> !e.status().ended()).map(JobExecution::id).toList();
    if (open.isEmpty()) {
      return executions;
    }
    Map<Long, int[]> counts = new HashMap<>();
    jdbc.sql(
            "select execution_id, status, count(*) n from target_runs where execution_id in (:ids)"
                + " group by execution_id, status")
        .param("ids", open)
        .query(
            rs -> {
              TargetRunStatus status = TargetRunStatus.of(rs.getString("status"));
              int[] c = counts.computeIfAbsent(rs.getLong("execution_id"), k -> new int[2]);
              if (status == TargetRunStatus.DONE) {
                c[0] += rs.getInt("n");
              } else if (status.failure()) {
                c[1] += rs.getInt("n");
              }
            });
    return executions.stream()
        .map(
            e -> {
              if (e.status().ended()) {
                return e;
              }
              int[] c = counts.getOrDefault(e.id(), new int[2]);
              return e.withCounts(c[0], c[1]);
            })
        .toList();
  }

  Optional<JobExecution> findForUpdate(long id) {
    return jdbc.sql(SELECT_EXECUTION + " where id = ?" + executionLock)
        .param(id)
        .query(ExecutionRows::execution)
        .optional();
  }

  Optional<JobExecution> activeOf(long jobId) {
    return jdbc.sql(
            SELECT_EXECUTION
                + " where job_id = ? and status in ('queued', 'running') order by id limit 1")
        .param(jobId)
        .query(ExecutionRows::execution)
        .optional()
        .map(e -> live(List.of(e)).get(0));
  }

  /** List sort properties (API.md list conventions) and their columns; default newest first. */
  private static final Map<String, String> SORTS =
      Map.of(
          "id", "id",
          "dateCreated", "created_at",
          "startDate", "started_at",
          "endDate", "finished_at",
          "name", "lower(job_name)",
          "status", "status");

  List<JobExecution> list(ExecutionFilter f, ListQuery q) {
    String limit = q.max() == ListQuery.ALL ? "" : " limit " + q.max();
    String sort = q.sortOr(SORTS.keySet(), null);
    String order =
        sort == null
            ? " order by id desc"
            : " order by " + SORTS.get(sort) + (q.descending() ? " desc" : " asc") + ", id desc";
    return live(
        jdbc.sql(SELECT_EXECUTION + f.where() + order + limit + " offset " + q.offset())
            .params(f.params())
            .query(ExecutionRows::execution)
            .list());
  }

  long count(ExecutionFilter f) {
    return jdbc.sql("select count(*) from job_executions" + f.where())
        .params(f.params())
        .query(Long.class)
        .single();
  }

  Optional<TargetRun> findRunForUpdate(long id) {
    return jdbc.sql(SELECT_RUN + " where id = ? for update")
        .param(id)
        .query(ExecutionRows::run)
        .optional();
  }

  Optional<TargetRun> findRun(long id) {
    return jdbc.sql(SELECT_RUN + " where id = ?").param(id).query(ExecutionRows::run).optional();
  }

  Optional<Long> executionOfRun(long runId) {
    return jdbc.sql("select execution_id from target_runs where id = ?")
        .param(runId)
        .query(Long.class)
        .optional();
  }

  List<TargetRun> runsOf(long executionId) {
    return jdbc.sql(SELECT_RUN + " where execution_id = ? order by position")
        .param(executionId)
        .query(ExecutionRows::run)
        .list();
  }

  /**
   * Marks up to {@code n} queued runs not yet handed over as handed over and returns their ids.
   * Safe without the execution's lock: a run is marked only while it is still queued and not handed
   * over, so two callers never hand over the same run. A run another finishing transaction is
   * handing over right now is skipped ({@code skip locked}) instead of waited for until that
   * transaction commits: on PostgreSQL in one statement; on H2, which applies a limit before it
   * skips, run by run. (Should that other transaction roll back, its run stays queued for the next
   * hand-over or the reconciliation.)
   */
  List<Long> dispatch(long executionId, int n, Instant now) {
    return dispatch(executionId, n, now, -1);
  }

  /**
   * As {@link #dispatch(long, int, Instant)}, looking first past {@code after}, the position of the
   * run whose end hands over the next one: the runs before it were handed over already (in position
   * order), and an index scan from the start of the execution's queued runs would step over an
   * entry for every one of them that the database has not vacuumed yet. When nothing is queued past
   * it (a run handed back, the last runs), the whole execution is looked at.
   */
  List<Long> dispatch(long executionId, int n, Instant now, int after) {
    if (n <= 0) {
      return List.of();
    }
    if (after >= 0) {
      List<Long> past = dispatchFrom(executionId, n, now, after);
      return past.isEmpty() ? dispatchFrom(executionId, n, now, -1) : past;
    }
    return dispatchFrom(executionId, n, now, -1);
  }

  private List<Long> dispatchFrom(long executionId, int n, Instant now, int after) {
    if (skipLocked) {
      return jdbc
          .sql(
              "update target_runs set dispatched_at = ? where id in (select id from target_runs"
                  + " where execution_id = ? and status = 'queued' and dispatched_at is null"
                  + " and position > ? order by position limit ? for update skip locked)"
                  + " returning id")
          .params(ts(now), executionId, after, n)
          .query(Long.class)
          .list()
          .stream()
          .sorted()
          .toList();
    }
    List<Long> picked = new ArrayList<>();
    Set<Long> passed = new HashSet<>();
    // every candidate is picked or passed over, never tried twice, so the loop always ends
    while (picked.size() < n) {
      List<Long> candidates =
          new ArrayList<>(
              jdbc.sql(
                      "select id from target_runs where execution_id = ? and status = 'queued'"
                          + " and dispatched_at is null and position > ? order by position limit "
                          + (n - picked.size() + SPARE_CANDIDATES + passed.size()))
                  .params(executionId, after)
                  .query(Long.class)
                  .list());
      candidates.removeAll(passed);
      if (candidates.isEmpty()) {
        break;
      }
      for (int i = 0; i < candidates.size() && picked.size() < n; i++) {
        long id = candidates.get(i);
        if (lockIfFree(id) && markDispatched(id, now)) {
          picked.add(id);
        } else {
          passed.add(id);
        }
      }
    }
    return picked;
  }

  /**
   * Locks the run while it is queued and not handed over; false at once, without waiting, when
   * another transaction holds its row (it is handing it over or cancelling it).
   */
  private boolean lockIfFree(long runId) {
    return !jdbc.sql(
            "select id from target_runs where id = ? and status = 'queued'"
                + " and dispatched_at is null for update skip locked")
        .param(runId)
        .query(Long.class)
        .list()
        .isEmpty();
  }

  private boolean markDispatched(long runId, Instant now) {
    return jdbc.sql(
                "update target_runs set dispatched_at = ? where id = ? and status = 'queued'"
                    + " and dispatched_at is null")
            .params(ts(now), runId)
            .update()
        == 1;
  }

  /** Whether any of the execution's runs has not ended (queued or running), as committed. */
  boolean hasUnfinishedRuns(long executionId) {
    return !jdbc.sql(
            "select id from target_runs where execution_id = ?"
                + " and status in ('queued', 'connecting', 'scanning', 'collecting') limit 1")
        .param(executionId)
        .query(Long.class)
        .list()
        .isEmpty();
  }

  /** How many of the execution's runs have not ended (queued or running), as committed. */
  long unfinishedRuns(long executionId) {
    return jdbc.sql(
            "select count(*) from target_runs where execution_id = ?"
                + " and status in ('queued', 'connecting', 'scanning', 'collecting')")
        .param(executionId)
        .query(Long.class)
        .single();
  }
}
