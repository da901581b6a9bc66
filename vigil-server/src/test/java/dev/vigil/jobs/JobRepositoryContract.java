package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.UserRef;
import dev.vigil.shared.ListQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The job repository against a real database; run on H2 and on PostgreSQL by the subclasses. */
abstract class JobRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");

  JdbcClient jdbc;
  JobRepository jobs;
  long packageId;
  long scheduleId;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    jobs = new JobRepository(jdbc);
    jdbc.sql(
            "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                + " updated_at) values ('u1', 'ssg', 'https://e.invalid/ssg.zip', true, 'READY', ?, ?)")
        .params(JobRows.ts(T0), JobRows.ts(T0))
        .update();
    packageId = jdbc.sql("select id from security_packages").query(Long.class).single();
    jdbc.sql(
            "insert into execute_schedules (name, cron, schedule_timezone, enabled, created_at,"
                + " updated_at) values ('Daily', '0 2 * * *', 'UTC', true, ?, ?)")
        .params(JobRows.ts(T0), JobRows.ts(T0))
        .update();
    scheduleId = jdbc.sql("select id from execute_schedules").query(Long.class).single();
  }

  @Test
  void storesAndReadsBackEveryField() {
    Job saved =
        jobs.find(jobs.insert(job("nightly", List.of("env:prod", "a"), List.of(12L, 11L))))
            .orElseThrow();
    assertThat(saved.name()).isEqualTo("nightly");
    assertThat(saved.description()).isEqualTo("about nightly");
    assertThat(saved.labels()).containsExactly("a", "env:prod");
    assertThat(saved.refIds()).containsExactly(12L, 11L);
    assertThat(saved.packageId()).isEqualTo(packageId);
    assertThat(saved.scanPath()).isEqualTo("ssg-firefox-ds.xml");
    assertThat(saved.securityProfile()).isEqualTo("xccdf_p");
    assertThat(saved.scheduleMode()).isEqualTo(ScheduleMode.SCHEDULE);
    assertThat(saved.scheduleModeCode()).isEqualTo(String.valueOf(scheduleId));
    assertThat(saved.targetType()).isEqualTo(TargetType.SERVER);
    assertThat(saved.options()).isEqualTo(new JobOptions(45, 7, 2, 30, null));
    assertThat(saved.createdBy()).isEqualTo(new UserRef(1, "admin", "Admin"));
    assertThat(saved.createdAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
    assertThat(saved.dateTime()).isNull();
  }

  @Test
  void namesAreUniqueCaseInsensitively() {
    long id = jobs.insert(job("Dup", List.of(), List.of(1L)));
    assertThat(jobs.nameTaken("dup", null)).isTrue();
    assertThat(jobs.nameTaken("dup", id)).isFalse();
    assertThatThrownBy(() -> jobs.insert(job("Dup", List.of(), List.of(1L))))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void listsByExactNamePhraseLabelsAndPages() {
    jobs.insert(job("alpha", List.of("os:rhel"), List.of(1L)));
    jobs.insert(job("alphabet", List.of("os:rhel", "tier:web"), List.of(1L)));
    jobs.insert(job("beta", List.of("tier:web"), List.of(1L)));
    assertThat(names(query("alpha", null, List.of(), List.of()))).containsExactly("alpha");
    assertThat(names(query(null, "ALPHA", List.of(), List.of())))
        .containsExactly("alpha", "alphabet");
    assertThat(names(query(null, null, List.of("tier:web", "x"), List.of())))
        .containsExactly("alphabet", "beta");
    assertThat(names(query(null, null, List.of(), List.of("os:rhel", "tier:web"))))
        .containsExactly("alphabet");
    JobQuery page =
        new JobQuery(new ListQuery(1, 1, null, null, "name", true), List.of(), List.of());
    assertThat(names(page)).containsExactly("alphabet");
    assertThat(jobs.count(page)).isEqualTo(3);
  }

  @Test
  void updateKeepsTargetsThatDidNotChangeAndReplacesThoseThatDid() {
    Job saved = jobs.find(jobs.insert(job("t", List.of(), List.of(1L, 2L)))).orElseThrow();
    jobs.update(saved.withEnabled(false, T0.plusSeconds(60)));
    Job same = jobs.find(saved.id()).orElseThrow();
    assertThat(same.targets()).isEqualTo(saved.targets());
    assertThat(same.enabled()).isFalse();
    Job changed = withTargets(same, List.of(new JobTarget(0, 3L)));
    jobs.update(changed);
    assertThat(jobs.find(saved.id()).orElseThrow().refIds()).containsExactly(3L);
  }

  @Test
  void updateStoresTheRetention() {
    Job saved = jobs.find(jobs.insert(job("kept", List.of(), List.of(1L)))).orElseThrow();
    jobs.update(withOptions(saved, new JobOptions(45, 7, 2, 10, 400)));
    assertThat(jobs.find(saved.id()).orElseThrow().options())
        .isEqualTo(new JobOptions(45, 7, 2, 10, 400));
    jobs.update(withOptions(saved, new JobOptions(45, 7, 2, 10, null)));
    assertThat(jobs.find(saved.id()).orElseThrow().options().deleteAfterDays()).isNull();
  }

  @Test
  void tellsWhichJobsUseAPackageOrScheduleAndWhichRunByThemselves() {
    long on = jobs.insert(job("scheduled", List.of(), List.of(1L)));
    Job off = jobs.find(jobs.insert(job("off", List.of(), List.of(1L)))).orElseThrow();
    jobs.update(off.withEnabled(false, T0));
    assertThat(jobs.namesUsingPackage(packageId)).containsExactly("off", "scheduled");
    assertThat(jobs.namesUsingSchedule(scheduleId)).containsExactly("off", "scheduled");
    assertThat(jobs.namesUsingSchedule(scheduleId + 1)).isEmpty();
    assertThat(jobs.scheduled()).extracting(Job::id).containsExactly(on);
    assertThat(jobs.timed()).extracting(Job::id).containsExactly(on, off.id());
  }

  @Test
  void deleteRemovesLabelsAndTargets() {
    long id = jobs.insert(job("gone", List.of("x"), List.of(1L, 2L)));
    jobs.delete(id);
    assertThat(jobs.find(id)).isEmpty();
    assertThat(jdbc.sql("select count(*) from job_targets").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from job_labels").query(Long.class).single()).isZero();
  }

  private List<String> names(JobQuery q) {
    return jobs.list(q).stream().map(Job::name).toList();
  }

  private static JobQuery query(String name, String phrase, List<String> any, List<String> all) {
    return new JobQuery(new ListQuery(25, 0, phrase, name, null, false), any, all);
  }

  private Job job(String name, List<String> labels, List<Long> refs) {
    return new Job(
        0,
        name,
        "about " + name,
        labels,
        true,
        packageId,
        "ssg-firefox-ds.xml",
        "xccdf_p",
        ScheduleMode.SCHEDULE,
        scheduleId,
        null,
        TargetType.SERVER,
        refs.stream().map(r -> new JobTarget(0, r)).toList(),
        new JobOptions(45, 7, 2, 30, null),
        new UserRef(1, "admin", "Admin"),
        T0,
        T0);
  }

  private static Job withOptions(Job j, JobOptions options) {
    return new Job(
        j.id(),
        j.name(),
        j.description(),
        j.labels(),
        j.enabled(),
        j.packageId(),
        j.scanPath(),
        j.securityProfile(),
        j.scheduleMode(),
        j.scheduleId(),
        j.dateTime(),
        j.targetType(),
        j.targets(),
        options,
        j.createdBy(),
        j.createdAt(),
        j.updatedAt());
  }

  private static Job withTargets(Job j, List<JobTarget> targets) {
    return new Job(
        j.id(),
        j.name(),
        j.description(),
        j.labels(),
        j.enabled(),
        j.packageId(),
        j.scanPath(),
        j.securityProfile(),
        j.scheduleMode(),
        j.scheduleId(),
        j.dateTime(),
        j.targetType(),
        targets,
        j.options(),
        j.createdBy(),
        j.createdAt(),
        j.updatedAt());
  }
}
