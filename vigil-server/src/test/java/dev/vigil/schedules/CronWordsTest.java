package dev.vigil.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.web.Times;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cron expressions in plain words, and page times that are never raw ISO. */
class CronWordsTest {

  @Test
  void commonExpressionsReadAsSentences() {
    assertThat(CronWords.describe("0 0 * * *")).isEqualTo("At 00:00, every day");
    assertThat(CronWords.describe("0 5 * * 1-5")).isEqualTo("At 05:00, Monday to Friday");
    assertThat(CronWords.describe("30 2 * * SUN")).isEqualTo("At 02:30, Sunday");
    assertThat(CronWords.describe("*/15 * * * *")).isEqualTo("Every 15 minutes, every day");
    assertThat(CronWords.describe("* * * * *")).isEqualTo("Every minute, every day");
    assertThat(CronWords.describe("0 3 1 * *")).isEqualTo("At 03:00, on day 1 of the month");
    assertThat(CronWords.describe("0 6,18 * * 1,3"))
        .isEqualTo("At 06:00 and 18:00, Monday and Wednesday");
    assertThat(CronWords.describe("10 * * * *")).isEqualTo("At minute 10 of every hour, every day");
    assertThat(CronWords.describe("0 */2 * * *"))
        .isEqualTo("At minute 0 of every 2 hours, every day");
    assertThat(CronWords.describe("0 4 * 1,7 *"))
        .isEqualTo("At 04:00, every day, in January and July");
  }

  @Test
  void whatHasNoSentenceIsShownFieldByField() {
    assertThat(CronWords.describe("1-30/5 * * * *"))
        .isEqualTo("Minutes 1-30/5, hours *, every day");
    assertThat(CronWords.describe("0 0 * *")).isEqualTo("0 0 * *");
    assertThat(CronWords.describe(null)).isNull();
  }

  @Test
  void pageTimesAreWordsInUtc() {
    Times t = new Times();
    assertThat(t.text(Instant.parse("2026-12-07T09:05:03Z"))).isEqualTo("2026-12-07 09:05:03 UTC");
    assertThat(t.text("2026-12-07T10:05:03+01:00")).isEqualTo("2026-12-07 09:05:03 UTC");
    assertThat(t.text(null)).isEmpty();
    assertThat(t.text("not a time")).isEqualTo("not a time");
  }
}
