package dev.vigil.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Five-field cron in a time zone: conversion, fire times across DST changes, refusals. */
class CronScheduleTest {

  private static final String FIVE_FIELDS =
      "cron must have 5 fields: minute hour day-of-month month day-of-week";

  @Test
  void convertsFiveFieldsToSpringsSixAndNormalizesSpaces() {
    assertThat(CronSchedule.normalize("  0   2 * *  1-5 ")).isEqualTo("0 2 * * 1-5");
    CronSchedule s = CronSchedule.of("15 2 * * *", "UTC");
    assertThat(s.next(at("2026-01-01T00:00:00Z"))).contains(at("2026-01-01T02:15:00Z"));
    assertThat(s.next(at("2026-01-01T02:15:00Z"))).contains(at("2026-01-02T02:15:00Z"));
  }

  @Test
  void morpheusDefaultFiresAtMidnightInTheScheduleZone() {
    CronSchedule s = CronSchedule.of(CronSchedule.DEFAULT_CRON, "Asia/Tokyo");
    assertThat(s.next(at("2026-06-01T12:00:00Z"))).contains(at("2026-06-01T15:00:00Z"));
  }

  @Test
  void dailyFireKeepsItsWallClockTimeAcrossBerlinSpringForward() {
    assertThat(fires("30 1 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z", 3))
        .containsExactly(
            at("2026-03-28T00:30:00Z"), at("2026-03-29T00:30:00Z"), at("2026-03-29T23:30:00Z"));
  }

  @Test
  void timeSkippedBySpringForwardFiresOnceShiftedByTheGap() {
    assertThat(fires("30 2 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z", 3))
        .containsExactly(
            at("2026-03-28T01:30:00Z"), at("2026-03-29T01:30:00Z"), at("2026-03-30T00:30:00Z"));
  }

  @Test
  void timeRepeatedByFallBackFiresOnceInBerlin() {
    assertThat(fires("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2))
        .containsExactly(at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z"));
  }

  @Test
  void hourlyScheduleFollowsElapsedTimeThroughTheRepeatedHour() {
    assertThat(fires("0 * * * *", "Europe/Berlin", "2026-10-24T23:30:00Z", 3))
        .containsExactly(
            at("2026-10-25T00:00:00Z"), at("2026-10-25T01:00:00Z"), at("2026-10-25T02:00:00Z"));
  }

  @Test
  void newYorkSpringForwardAndFallBackFireOncePerDay() {
    assertThat(fires("0 2 * * *", "America/New_York", "2026-03-07T00:00:00Z", 3))
        .containsExactly(
            at("2026-03-07T07:00:00Z"), at("2026-03-08T07:00:00Z"), at("2026-03-09T06:00:00Z"));
    assertThat(fires("30 1 * * *", "America/New_York", "2026-10-31T00:00:00Z", 3))
        .containsExactly(
            at("2026-10-31T05:30:00Z"), at("2026-11-01T05:30:00Z"), at("2026-11-02T06:30:00Z"));
  }

  @Test
  void expressionThatNeverMatchesHasNoFireTimes() {
    CronSchedule s = CronSchedule.of("0 0 30 2 *", "UTC");
    assertThat(s.next(at("2026-01-01T00:00:00Z"))).isEmpty();
    assertThat(s.next(at("2026-01-01T00:00:00Z"), 5)).isEmpty();
  }

  @Test
  void refusesAnythingButFiveFieldsWithTheFieldList() {
    for (String bad :
        new String[] {"0 0 * *", "0 0 0 * * *", "0 0 0 * * * 2026", "", "  ", "@daily"}) {
      assertThatThrownBy(() -> CronSchedule.normalize(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(FIVE_FIELDS);
    }
    assertThatThrownBy(() -> CronSchedule.normalize(null)).hasMessage(FIVE_FIELDS);
  }

  @Test
  void refusesBadValuesWithTheParsersReason() {
    assertThatThrownBy(() -> CronSchedule.normalize("0 61 * * *"))
        .hasMessageStartingWith("invalid cron: ")
        .hasMessageContaining("HourOfDay")
        .hasMessageContaining("61")
        .hasMessageNotContaining("in cron expression");
    assertThatThrownBy(() -> CronSchedule.normalize("0 0 32 * *"))
        .hasMessageContaining("DayOfMonth");
    assertThatThrownBy(() -> CronSchedule.normalize("*/0 * * * *"))
        .hasMessageContaining("Incrementer delta");
    assertThatThrownBy(() -> CronSchedule.normalize("x * * * *"))
        .hasMessageStartingWith("invalid cron: ");
  }

  @Test
  void refusesUnknownTimeZones() {
    assertThatThrownBy(() -> CronSchedule.of("0 0 * * *", "Mars/Olympus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown time zone 'Mars/Olympus'");
    assertThatThrownBy(() -> CronSchedule.zone("")).hasMessage("unknown time zone ''");
    assertThat(CronSchedule.zone("America/New_York").getId()).isEqualTo("America/New_York");
  }

  private static List<Instant> fires(String cron, String zone, String after, int n) {
    return CronSchedule.of(cron, zone).next(at(after), n);
  }

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
