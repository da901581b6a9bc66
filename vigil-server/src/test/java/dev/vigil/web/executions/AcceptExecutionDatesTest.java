package dev.vigil.web.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.shared.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The startDate / endDate parameters: a date is the whole UTC day, an instant that moment. */
class AcceptExecutionDatesTest {

  @Test
  void aDateIsTheWholeDayInUtc() {
    ExecutionDates d = ExecutionDates.parse("2026-11-27", "2026-11-27");
    assertThat(d.from()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(d.before()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
  }

  @Test
  void anInstantEndIncludesItsOwnMicrosecondAndOffsetsAreHonoured() {
    ExecutionDates d = ExecutionDates.parse("2026-11-27T12:00:00+02:00", " 2026-11-27T10:00:00Z ");
    assertThat(d.from()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(d.before()).isEqualTo(Instant.parse("2026-11-27T10:00:00.000001Z"));
  }

  @Test
  void missingOrBlankBoundsAreOpen() {
    assertThat(ExecutionDates.parse(null, " ")).isEqualTo(new ExecutionDates(null, null));
  }

  @Test
  void malformedValuesNameTheirParameterAndTheExpectedFormat() {
    assertThatThrownBy(() -> ExecutionDates.parse("27/11/2026", "2026-11-27T10:00"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors()).containsOnlyKeys("startDate", "endDate");
              assertThat(e.errors().get("startDate"))
                  .isEqualTo(
                      "startDate must be an ISO-8601 date (2026-11-27, the whole day in UTC) or"
                          + " instant (2026-11-27T10:00:00Z), got '27/11/2026'");
              assertThat(e.errors().get("endDate")).contains("2026-11-27T10:00:00Z");
            });
    assertThatThrownBy(() -> ExecutionDates.parse("2026-02-30", null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.errors()).containsOnlyKeys("startDate"));
  }

  @Test
  void aStartAfterTheEndIsRefusedButTheSameDayOrInstantIsNot() {
    assertThatThrownBy(() -> ExecutionDates.parse("2026-11-28", "2026-11-27T23:59:59Z"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .containsEntry("startDate", "startDate must not be after endDate"));
    assertThat(ExecutionDates.parse("2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z").from())
        .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
  }
}
