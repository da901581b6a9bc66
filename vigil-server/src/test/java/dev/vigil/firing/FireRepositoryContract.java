package dev.vigil.firing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.ScheduleMode;
import dev.vigil.storage.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The fire repository against a real database; run on H2 and on PostgreSQL by the subclasses. */
abstract class FireRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

  JdbcClient jdbc;
  FireRepository repo;
  long jobId;
  long otherJobId;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    repo = new FireRepository(jdbc);
    jdbc.sql(
            "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                + " updated_at) values ('u1', 'ssg', 'https://e.invalid/ssg.zip', true, 'READY', ?, ?)")
        .params(Sql.ts(T0), Sql.ts(T0))
        .update();
    long pkg = jdbc.sql("select id from security_packages").query(Long.class).single();
    jobId = job("first", pkg);
    otherJobId = job("second", pkg);
  }

  @Test
  void savesReadsAndReplacesMarks() {
    FireKey key = new FireKey(ScheduleMode.DATE_TIME, null, T0, null, null);
    repo.saveMark(new FireMark(jobId, key, T0));
    FireKey cron = new FireKey(ScheduleMode.SCHEDULE, 4L, null, "*/5 * * * *", "Europe/Paris");
    repo.saveMark(new FireMark(otherJobId, cron, T0));
    Instant later = T0.plusSeconds(90);
    repo.saveMark(new FireMark(jobId, key, later));

    assertThat(repo.marks()).hasSize(2);
    assertThat(repo.markForUpdate(jobId)).contains(new FireMark(jobId, key, later));
    assertThat(repo.marks().get(otherJobId)).isEqualTo(new FireMark(otherJobId, cron, T0));
    repo.deleteMark(jobId);
    assertThat(repo.markForUpdate(jobId)).isEmpty();
    assertThat(repo.marks()).containsOnlyKeys(otherJobId);
  }

  @Test
  void listsFiresNewestFirstPagedAndKeepsOnlyTheLatest() {
    for (int i = 0; i < 5; i++) {
      repo.insertFire(fire(jobId, i, FireOutcome.STARTED, 100L + i, null));
    }
    JobFire skipped =
        repo.insertFire(
            fire(jobId, 5, FireOutcome.SKIPPED, null, "previous execution 104 still running"));
    repo.insertFire(fire(otherJobId, 0, FireOutcome.FAILED, null, "no servers"));

    List<JobFire> newest = repo.fires(jobId, 0, 2);
    assertThat(newest).extracting(JobFire::id).first().isEqualTo(skipped.id());
    assertThat(newest.get(0)).isEqualTo(skipped);
    assertThat(newest.get(1).executionId()).isEqualTo(104L);
    assertThat(newest.get(1).outcome()).isEqualTo(FireOutcome.STARTED);
    assertThat(repo.fires(jobId, 4, 25))
        .extracting(JobFire::executionId)
        .containsExactly(101L, 100L);
    assertThat(repo.countFires(jobId)).isEqualTo(6);

    repo.trimFires(jobId, 3);
    assertThat(repo.fires(jobId, 0, 25))
        .extracting(JobFire::scheduledFor)
        .containsExactly(at(5), at(4), at(3));
    assertThat(repo.countFires(otherJobId)).isOne();
    repo.trimFires(jobId, 3);
    assertThat(repo.countFires(jobId)).isEqualTo(3);
  }

  @Test
  void deletingAJobDeletesItsMarkAndFires() {
    repo.saveMark(
        new FireMark(jobId, new FireKey(ScheduleMode.SCHEDULE, null, null, null, null), T0));
    repo.insertFire(fire(jobId, 0, FireOutcome.STARTED, 1L, null));
    jdbc.sql("delete from jobs where id = ?").param(jobId).update();
    assertThat(repo.marks()).isEmpty();
    assertThat(repo.countFires(jobId)).isZero();
  }

  private static JobFire fire(
      long job, int minute, FireOutcome outcome, Long execution, String reason) {
    return JobFire.of(job, at(minute), at(minute).plusMillis(1500), outcome, execution, reason);
  }

  private static Instant at(int minute) {
    return T0.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60L * minute);
  }

  private long job(String name, long pkg) {
    jdbc.sql(
            "insert into jobs (name, enabled, security_package_id, scan_path, security_profile,"
                + " schedule_mode, target_type, timeout_minutes, max_parallel, retries_on_timeout,"
                + " created_at, updated_at) values (?, true, ?, 'ds.xml', 'p', 'DATE_TIME',"
                + " 'SERVER', 30, 10, 0, ?, ?)")
        .params(name, pkg, Sql.ts(T0), Sql.ts(T0))
        .update();
    return jdbc.sql("select id from jobs where name = ?").param(name).query(Long.class).single();
  }
}
