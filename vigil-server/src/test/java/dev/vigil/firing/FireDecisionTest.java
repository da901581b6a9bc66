package dev.vigil.firing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.UserRef;
import dev.vigil.firing.FireDecision.Action;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobOptions;
import dev.vigil.jobs.JobTarget;
import dev.vigil.jobs.ScheduleMode;
import dev.vigil.jobs.TargetType;
import dev.vigil.schedules.ExecuteSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireDecisionTest {

  private static final Instant T0 = Instant.parse("2026-03-04T10:00:30Z");
  private static final ExecuteSchedule EVERY_MINUTE = schedule("* * * * *", true, T0);

  @Test
  void aNewJobStartsAtItsLastChangeAndFiresWhenTheClockPassesTheMinute() {
    Job job = job(ScheduleMode.SCHEDULE, true, null, T0);
    FireDecision before = FireDecision.decide(job, EVERY_MINUTE, null, T0.plusSeconds(20));
    assertThat(before.action()).isEqualTo(Action.WAIT);
    assertThat(before.markChanged()).isTrue();
    assertThat(before.mark().handledThrough()).isEqualTo(T0);

    Instant now = T0.plusSeconds(31);
    FireDecision after = FireDecision.decide(job, EVERY_MINUTE, before.mark(), now);
    assertThat(after.action()).isEqualTo(Action.FIRE);
    assertThat(after.scheduledFor()).isEqualTo(Instant.parse("2026-03-04T10:01:00Z"));
    assertThat(after.firstDue()).isEqualTo(after.scheduledFor());
    assertThat(after.mark().handledThrough()).isEqualTo(now);

    FireDecision again = FireDecision.decide(job, EVERY_MINUTE, after.mark(), now.plusSeconds(5));
    assertThat(again.action()).isEqualTo(Action.WAIT);
    assertThat(again.needed()).isFalse();
  }

  @Test
  void missedFiresCoalesceIntoOneForTheLatest() {
    Job job = job(ScheduleMode.SCHEDULE, true, null, T0);
    FireMark mark = new FireMark(1, FireKey.of(job, EVERY_MINUTE), T0);
    Instant now = Instant.parse("2026-03-04T10:05:10Z");
    FireDecision d = FireDecision.decide(job, EVERY_MINUTE, mark, now);
    assertThat(d.action()).isEqualTo(Action.FIRE);
    assertThat(d.firstDue()).isEqualTo(Instant.parse("2026-03-04T10:01:00Z"));
    assertThat(d.scheduledFor()).isEqualTo(Instant.parse("2026-03-04T10:05:00Z"));
    assertThat(d.mark().handledThrough()).isEqualTo(now);
  }

  @Test
  void aLongOutageStillFiresOnceForTheLatestFireDue() {
    ExecuteSchedule monthly = schedule("15 3 1 * *", true, T0);
    Job job = job(ScheduleMode.SCHEDULE, true, null, T0);
    FireMark mark = new FireMark(1, FireKey.of(job, monthly), T0);
    Instant now = Instant.parse("2028-07-20T00:00:00Z");
    FireDecision d = FireDecision.decide(job, monthly, mark, now);
    assertThat(d.firstDue()).isEqualTo(Instant.parse("2026-04-01T03:15:00Z"));
    assertThat(d.scheduledFor()).isEqualTo(Instant.parse("2028-07-01T03:15:00Z"));

    FireMark minutely = new FireMark(1, FireKey.of(job, EVERY_MINUTE), T0);
    FireDecision often = FireDecision.decide(job, EVERY_MINUTE, minutely, now);
    assertThat(often.scheduledFor()).isEqualTo(Instant.parse("2028-07-20T00:00:00Z"));
  }

  @Test
  void aDisabledJobOrScheduleSwallowsTheFiresDueWithoutFiring() {
    Job off = job(ScheduleMode.SCHEDULE, false, null, T0);
    Instant now = T0.plusSeconds(200);
    FireMark mark = new FireMark(1, FireKey.of(off, EVERY_MINUTE), T0);
    FireDecision d = FireDecision.decide(off, EVERY_MINUTE, mark, now);
    assertThat(d.action()).isEqualTo(Action.SWALLOW);
    assertThat(d.mark().handledThrough()).isEqualTo(now);

    ExecuteSchedule disabled = schedule("* * * * *", false, T0);
    Job on = job(ScheduleMode.SCHEDULE, true, null, T0);
    FireDecision s = FireDecision.decide(on, disabled, mark, now);
    assertThat(s.action()).isEqualTo(Action.SWALLOW);

    FireDecision enabledAgain = FireDecision.decide(on, EVERY_MINUTE, s.mark(), now.plusSeconds(5));
    assertThat(enabledAgain.action()).isEqualTo(Action.WAIT);
    assertThat(enabledAgain.needed()).isFalse();
  }

  @Test
  void aChangedScheduleStartsAfreshAtTheChangeWithoutABacklog() {
    ExecuteSchedule hourly = schedule("0 * * * *", true, T0);
    Job job = job(ScheduleMode.SCHEDULE, true, null, T0);
    FireMark mark = new FireMark(1, FireKey.of(job, hourly), Instant.parse("2026-03-04T09:00:00Z"));
    Instant edited = Instant.parse("2026-03-04T10:30:30Z");
    ExecuteSchedule minutely = schedule("* * * * *", true, edited);
    FireDecision d = FireDecision.decide(job, minutely, mark, edited.plusSeconds(10));
    assertThat(d.action()).isEqualTo(Action.WAIT);
    assertThat(d.markChanged()).isTrue();
    assertThat(d.mark().handledThrough()).isEqualTo(edited);
    assertThat(d.mark().key().cron()).isEqualTo("* * * * *");

    FireDecision next = FireDecision.decide(job, minutely, d.mark(), edited.plusSeconds(40));
    assertThat(next.action()).isEqualTo(Action.FIRE);
    assertThat(next.firstDue()).isEqualTo(Instant.parse("2026-03-04T10:31:00Z"));
  }

  @Test
  void aDateTimeJobFiresOnceAtItsDateTime() {
    Instant at = T0.plus(Duration.ofMinutes(10));
    Job job = job(ScheduleMode.DATE_TIME, true, at, T0);
    FireDecision early = FireDecision.decide(job, null, null, at.minusSeconds(1));
    assertThat(early.action()).isEqualTo(Action.WAIT);
    FireDecision due = FireDecision.decide(job, null, early.mark(), at.plusSeconds(1));
    assertThat(due.action()).isEqualTo(Action.FIRE);
    assertThat(due.scheduledFor()).isEqualTo(at);
    FireDecision later = FireDecision.decide(job, null, due.mark(), at.plusSeconds(3600));
    assertThat(later.action()).isEqualTo(Action.WAIT);
    assertThat(later.needed()).isFalse();
  }

  @Test
  void aManualJobNeedsNothing() {
    Job job = job(ScheduleMode.MANUAL, true, null, T0);
    assertThat(FireDecision.decide(job, null, null, T0.plusSeconds(600)).needed()).isFalse();
  }

  private static Job job(ScheduleMode mode, boolean enabled, Instant dateTime, Instant updated) {
    return new Job(
        1,
        "j",
        null,
        List.of(),
        enabled,
        1,
        "ds.xml",
        "p",
        mode,
        mode == ScheduleMode.SCHEDULE ? 7L : null,
        dateTime,
        TargetType.SERVER,
        List.of(new JobTarget(1, 11)),
        new JobOptions(30, 10, 0),
        new UserRef(1, "admin", "Admin"),
        updated.minusSeconds(3600),
        updated);
  }

  private static ExecuteSchedule schedule(String cron, boolean enabled, Instant updated) {
    return new ExecuteSchedule(
        7, "s", null, cron, "UTC", enabled, "admin", updated.minusSeconds(7200), updated);
  }
}
