package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.UserRef;
import dev.vigil.web.ListQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The execution repository against a real database; run on H2 and on PostgreSQL by subclasses. */
abstract class ExecutionRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");
  static final ExecutionPlan PLAN =
      new ExecutionPlan(5, "ssg", 9, 2, "ssg-ds.xml", "xccdf_p_standard", 30, 10, 1);

  JdbcClient jdbc;
  ExecutionRepository repo;
  long jobId;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    repo = new ExecutionRepository(jdbc, dataSource());
    Object t = T0.atOffset(ZoneOffset.UTC);
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
    jobId = jdbc.sql("select id from jobs").query(Long.class).single();
  }

  @Test
  void storesAnExecutionWithItsRunsAndReadsEveryFieldBack() {
    UserRef admin = new UserRef(1, "admin", "Admin");
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", admin, 2, PLAN, T0));
    repo.insertRun(TargetRun.queued(id, 11, "web01", 0));
    repo.insertRun(TargetRun.queued(id, 12, "web02", 1));
    List<TargetRun> runs = repo.runsOf(id);
    assertThat(runs).extracting(TargetRun::serverName).containsExactly("web01", "web02");
    TargetRun done = runs.get(0).claim(T0, "n1").markDone(99, T0.plusSeconds(2));
    repo.updateRun(done);
    assertThat(repo.findRunForUpdate(done.id())).contains(done);
    JobExecution read = repo.find(id).orElseThrow();
    assertThat(read.createdBy()).isEqualTo(admin);
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.plan()).isEqualTo(PLAN);
    JobExecution derived =
        read.derive(List.of(TargetRunStatus.DONE, TargetRunStatus.QUEUED), T0.plusSeconds(2));
    repo.update(derived);
    assertThat(repo.findForUpdate(id)).contains(derived);
    assertThat(repo.executionOfRun(done.id())).contains(id);
  }

  @Test
  void handsEachQueuedRunOverOnceInTargetOrder() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 3, PLAN, T0));
    for (int i = 0; i < 3; i++) {
      repo.insertRun(TargetRun.queued(id, 10 + i, "s" + i, i));
    }
    List<Long> first = repo.dispatch(id, 2, T0);
    List<Long> next = repo.dispatch(id, 2, T0);
    assertThat(first).hasSize(2);
    assertThat(next).hasSize(1).doesNotContainAnyElementsOf(first);
    assertThat(repo.dispatch(id, 2, T0)).isEmpty();
    assertThat(repo.runsOf(id).get(2).id()).isEqualTo(next.get(0));
  }

  @Test
  void findsTheActiveExecutionAndListsNewestFirstByJob() {
    long old = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 1, PLAN, T0));
    repo.update(repo.find(old).orElseThrow().derive(List.of(TargetRunStatus.DONE), T0));
    long current = repo.insert(JobExecution.start(jobId, "nightly", "manual", null, 1, PLAN, T0));
    assertThat(repo.activeOf(jobId)).map(JobExecution::id).contains(current);
    ListQuery all = new ListQuery(25, 0, null, null, null, true);
    assertThat(repo.list(ExecutionFilter.ofJob(jobId), all))
        .extracting(JobExecution::id)
        .containsExactly(current, old);
    assertThat(repo.list(ExecutionFilter.ofJob(null), new ListQuery(1, 1, null, null, null, true)))
        .extracting(JobExecution::id)
        .containsExactly(old);
    assertThat(repo.count(ExecutionFilter.ofJob(jobId))).isEqualTo(2);
    assertThat(repo.count(ExecutionFilter.ofJob(jobId + 1))).isZero();
    assertThat(repo.list(new ExecutionFilter(jobId, ExecutionStatus.COMPLETE), all))
        .extracting(JobExecution::id)
        .containsExactly(old);
  }

  @Test
  void anExecutionOutlivesItsJob() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 0, PLAN, T0));
    jdbc.sql("delete from jobs where id = ?").param(jobId).update();
    JobExecution kept = repo.find(id).orElseThrow();
    assertThat(kept.jobId()).isNull();
    assertThat(kept.jobName()).isEqualTo("nightly");
  }

  @Test
  void writesAnExecutionsRunsInFewStatementsAndNamesActiveExecutionsPinningAPackage() {
    long id = repo.insert(JobExecution.start(jobId, "nightly", "api", null, 1201, PLAN, T0));
    List<TargetRun> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 1201; i++) {
      runs.add(TargetRun.queued(id, 1000 + i, "s" + i, i));
    }
    repo.insertRuns(runs);
    List<TargetRun> read = repo.runsOf(id);
    assertThat(read).hasSize(1201);
    assertThat(read.get(1200).serverId()).isEqualTo(2200);
    assertThat(read.get(1200).position()).isEqualTo(1200);
    assertThat(repo.activePinning(PLAN.packageId()))
        .containsExactly("execution " + id + " (job nightly)");
    assertThat(repo.activePinning(PLAN.packageId() + 1)).isEmpty();
    repo.update(
        repo.find(id)
            .orElseThrow()
            .derive(java.util.Collections.nCopies(1201, TargetRunStatus.DONE), T0));
    assertThat(repo.activePinning(PLAN.packageId()))
        .as("an ended execution pins nothing")
        .isEmpty();
  }
}
