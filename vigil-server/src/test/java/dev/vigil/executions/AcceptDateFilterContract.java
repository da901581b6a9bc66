package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.shared.ListQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The creation-date filter of the execution list and count, on a real database: run on H2 and on
 * PostgreSQL by subclasses. Bounds are [createdFrom, createdBefore), to the microsecond the
 * database keeps.
 */
abstract class AcceptDateFilterContract {

  private static final ListQuery ALL = new ListQuery(ListQuery.ALL, 0, null, null, null, true);
  private static final Instant DAY = Instant.parse("2026-11-27T00:00:00Z");
  private static final Instant NEXT_DAY = Instant.parse("2026-11-28T00:00:00Z");
  private static final Instant TEN = Instant.parse("2026-11-27T10:00:00Z");

  ExecutionRepository repo;
  long jobId;
  long otherJobId;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    JdbcClient jdbc = JdbcClient.create(dataSource());
    repo = new ExecutionRepository(jdbc, dataSource());
    Object t = DAY.atOffset(ZoneOffset.UTC);
    jdbc.sql(
            "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                + " updated_at) values ('u1', 'ssg', 'https://e.invalid/ssg.zip', true, 'READY', ?, ?)")
        .params(t, t)
        .update();
    long pkg = jdbc.sql("select id from security_packages").query(Long.class).single();
    for (String name : List.of("nightly", "weekly")) {
      jdbc.sql(
              "insert into jobs (name, enabled, security_package_id, scan_path, security_profile,"
                  + " schedule_mode, target_type, timeout_minutes, max_parallel,"
                  + " retries_on_timeout, created_at, updated_at) values (?, true, ?, 'ds.xml',"
                  + " 'p', 'manual', 'server', 30, 10, 0, ?, ?)")
          .params(name, pkg, t, t)
          .update();
    }
    jobId = jdbc.sql("select id from jobs where name = 'nightly'").query(Long.class).single();
    otherJobId = jdbc.sql("select id from jobs where name = 'weekly'").query(Long.class).single();
  }

  @Test
  void aWholeDayTakesItsFirstAndLastMicrosecondAndNothingOfTheDaysAround() {
    long before = at(jobId, DAY.minus(1, ChronoUnit.MICROS));
    long first = at(jobId, DAY);
    long ten = at(jobId, TEN);
    long last = at(jobId, NEXT_DAY.minus(1, ChronoUnit.MICROS));
    long after = at(jobId, NEXT_DAY);
    assertThat(ids(new ExecutionFilter(null, null, DAY, NEXT_DAY)))
        .containsExactly(last, ten, first);
    assertThat(repo.count(new ExecutionFilter(null, null, DAY, NEXT_DAY))).isEqualTo(3);
    assertThat(ids(new ExecutionFilter(null, null, null, DAY))).containsExactly(before);
    assertThat(ids(new ExecutionFilter(null, null, NEXT_DAY, null))).containsExactly(after);
    assertThat(repo.count(new ExecutionFilter(null, null, null, null))).isEqualTo(5);
  }

  @Test
  void anInstantBoundIsInclusiveOnBothEnds() {
    long early = at(jobId, TEN.minusSeconds(1));
    long exact = at(jobId, TEN);
    long late = at(jobId, TEN.plusSeconds(1));
    Instant justAfterTen = TEN.plus(1, ChronoUnit.MICROS);
    assertThat(ids(new ExecutionFilter(null, null, TEN, null))).containsExactly(late, exact);
    assertThat(ids(new ExecutionFilter(null, null, null, justAfterTen)))
        .containsExactly(exact, early);
    assertThat(ids(new ExecutionFilter(null, null, TEN, justAfterTen))).containsExactly(exact);
    assertThat(repo.count(new ExecutionFilter(null, null, TEN, justAfterTen))).isOne();
  }

  @Test
  void datesCombineWithJobStatusAndPaging() {
    long mine = at(jobId, TEN);
    long theirs = at(otherJobId, TEN);
    long mineDone = at(jobId, TEN.plusSeconds(60));
    repo.update(
        repo.find(mineDone)
            .orElseThrow()
            .derive(List.of(TargetRunStatus.DONE), TEN.plusSeconds(90)));
    at(jobId, NEXT_DAY);
    assertThat(ids(new ExecutionFilter(jobId, null, DAY, NEXT_DAY)))
        .containsExactly(mineDone, mine);
    assertThat(ids(new ExecutionFilter(otherJobId, null, DAY, NEXT_DAY))).containsExactly(theirs);
    assertThat(ids(new ExecutionFilter(jobId, ExecutionStatus.COMPLETE, DAY, NEXT_DAY)))
        .containsExactly(mineDone);
    assertThat(repo.count(new ExecutionFilter(jobId, ExecutionStatus.QUEUED, DAY, NEXT_DAY)))
        .isOne();
    assertThat(
            repo.list(
                new ExecutionFilter(null, null, DAY, NEXT_DAY),
                new ListQuery(1, 1, null, null, null, true)))
        .extracting(JobExecution::id)
        .containsExactly(theirs);
  }

  private long at(long job, Instant createdAt) {
    return repo.insert(
        JobExecution.start(
            job, "j" + job, "api", null, 1, ExecutionRepositoryContract.PLAN, createdAt));
  }

  private List<Long> ids(ExecutionFilter f) {
    return repo.list(f, ALL).stream().map(JobExecution::id).toList();
  }
}
