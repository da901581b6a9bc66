package dev.vigil.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.shared.ListQuery;
import dev.vigil.testsupport.Counts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The execute schedule repositories against a real database; run once on H2 and once on PostgreSQL
 * by the subclasses.
 */
abstract class ScheduleRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

  JdbcClient jdbc;
  ScheduleRepository schedules;
  MemberRepository members;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    schedules = new ScheduleRepository(jdbc);
    members = new MemberRepository(jdbc);
  }

  @Test
  void storesAndReadsBackEveryField() {
    long id = schedules.insert(schedule("nightly"));
    ExecuteSchedule s = schedules.find(id).orElseThrow();
    assertThat(s)
        .isEqualTo(
            new ExecuteSchedule(
                id,
                "nightly",
                "desc of nightly",
                "0 2 * * *",
                "America/New_York",
                true,
                "admin",
                T0.truncatedTo(ChronoUnit.MICROS),
                T0.truncatedTo(ChronoUnit.MICROS)));
    assertThat(schedules.findForUpdate(id)).contains(s);
    assertThat(schedules.find(id + 1000)).isEmpty();
  }

  @Test
  void updatesTheEditableFields() {
    long id = schedules.insert(schedule("before"));
    ExecuteSchedule changed =
        schedules
            .find(id)
            .orElseThrow()
            .withDetails("after", null, "5 4 * * 1", "UTC", false, T0.plusSeconds(60));
    schedules.update(changed);
    ExecuteSchedule read = schedules.find(id).orElseThrow();
    assertThat(read.name()).isEqualTo("after");
    assertThat(read.description()).isNull();
    assertThat(read.cron()).isEqualTo("5 4 * * 1");
    assertThat(read.timezone()).isEqualTo("UTC");
    assertThat(read.enabled()).isFalse();
    assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(60).truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void rejectsDuplicateNamesAndReportsThemCaseInsensitively() {
    long id = schedules.insert(schedule("Dup"));
    assertThat(schedules.nameTaken("dup", null)).isTrue();
    assertThat(schedules.nameTaken("dup", id)).isFalse();
    assertThatThrownBy(() -> schedules.insert(schedule("Dup")))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void listsByExactNameAndPhraseAndPagesSortedDescending() {
    for (String n : List.of("c", "alpha", "alphabet", "b")) {
      schedules.insert(schedule(n));
    }
    assertThat(names(new ListQuery(25, 0, null, "alpha", null, false))).containsExactly("alpha");
    assertThat(names(new ListQuery(25, 0, "ALPHA", null, null, false)))
        .containsExactly("alpha", "alphabet");
    assertThat(names(new ListQuery(25, 0, "of b", null, null, false))).containsExactly("b");
    ListQuery page = new ListQuery(2, 1, null, null, "name", true);
    assertThat(names(page)).containsExactly("b", "alphabet");
    assertThat(schedules.count(page)).isEqualTo(4);
    assertThat(schedules.count(new ListQuery(25, 0, "alpha", null, null, false))).isEqualTo(2);
    assertThat(names(new ListQuery(ListQuery.ALL, 0, null, null, "nonsense", false)))
        .containsExactly("alpha", "alphabet", "b", "c");
  }

  @Test
  void keepsMembersOnceByKindAndRemovesThem() {
    long id = schedules.insert(schedule("m"));
    long other = schedules.insert(schedule("other"));
    members.add(id, ScheduleMember.SERVER, List.of(12L, 11L, 12L));
    members.add(id, ScheduleMember.SERVER, List.of(11L, 13L));
    members.add(id, ScheduleMember.INSTANCE, List.of(11L));
    members.add(other, ScheduleMember.SERVER, List.of(11L));
    assertThat(members.members(id, ScheduleMember.SERVER)).containsExactly(11L, 12L, 13L);
    members.remove(id, ScheduleMember.SERVER, List.of(12L, 99L));
    assertThat(members.members(id, ScheduleMember.SERVER)).containsExactly(11L, 13L);
    assertThat(members.members(id, ScheduleMember.INSTANCE)).containsExactly(11L);
    assertThat(members.members(other, ScheduleMember.SERVER)).containsExactly(11L);
  }

  @Test
  void deletingAScheduleRemovesItsMembers() {
    long id = schedules.insert(schedule("gone"));
    members.add(id, ScheduleMember.SERVER, List.of(1L));
    members.add(id, ScheduleMember.INSTANCE, List.of(2L));
    schedules.delete(id);
    assertThat(schedules.find(id)).isEmpty();
    assertThat(rows("execute_schedule_servers") + rows("execute_schedule_instances")).isZero();
  }

  private long rows(String table) {
    return Counts.rows(jdbc, table);
  }

  private List<String> names(ListQuery q) {
    return schedules.list(q).stream().map(ExecuteSchedule::name).toList();
  }

  private static ExecuteSchedule schedule(String name) {
    return new ExecuteSchedule(
        0, name, "desc of " + name, "0 2 * * *", "America/New_York", true, "admin", T0, T0);
  }
}
