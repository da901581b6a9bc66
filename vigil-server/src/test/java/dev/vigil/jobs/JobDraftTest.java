package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.UserRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading job fields over a saved job: defaults, inference of the schedule mode, field rules. */
class JobDraftTest {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void newJobGetsTheDefaults() {
    Map<String, String> errors = new LinkedHashMap<>();
    JobDraft d = draft(input("n", null, null, "server", List.of("1")), null, errors);
    assertThat(errors).isEmpty();
    assertThat(d.scheduleMode()).isEqualTo(ScheduleMode.MANUAL);
    assertThat(d.enabled()).isTrue();
    assertThat(d.options()).isEqualTo(JobOptions.defaults());
  }

  @Test
  void aDateTimeWithoutAModeMeansModeDateTimeAndAnIdMeansASchedule() {
    Map<String, String> errors = new LinkedHashMap<>();
    JobDraft at =
        draft(input("n", null, "2030-01-01T05:00:00Z", "server", List.of("1")), null, errors);
    assertThat(at.scheduleMode()).isEqualTo(ScheduleMode.DATE_TIME);
    assertThat(at.dateTime()).isEqualTo(Instant.parse("2030-01-01T05:00:00Z"));
    JobDraft scheduled = draft(input("n", "2", null, "server", List.of("1")), null, errors);
    assertThat(scheduled.scheduleId()).isEqualTo(2L);
    assertThat(scheduled.toJob(null, null, T0).scheduleModeCode()).isEqualTo("2");
    assertThat(errors).isEmpty();
  }

  @Test
  void anUpdateKeepsWhatWasNotSent() {
    Job saved =
        draft(
                input("n", "7", null, "instance", List.of("3", "3", "4")),
                null,
                new LinkedHashMap<>())
            .toJob(null, new UserRef(1, "a", "A"), T0);
    Map<String, String> errors = new LinkedHashMap<>();
    JobDraft d =
        draft(
            new JobInput(
                "renamed", null, null, null, null, null, null, null, null, null, null, null, null,
                null, null),
            saved,
            errors);
    assertThat(errors).isEmpty();
    assertThat(d.name()).isEqualTo("renamed");
    assertThat(d.scheduleId()).isEqualTo(7L);
    assertThat(d.targetType()).isEqualTo(TargetType.INSTANCE);
    assertThat(d.targetIds()).containsExactly(3L, 4L);
    assertThat(d.toJob(saved, null, T0).createdBy().username()).isEqualTo("a");
  }

  @Test
  void badFieldsAreAllReported() {
    Map<String, String> errors = new LinkedHashMap<>();
    draft(
        new JobInput(
            " ",
            null,
            List.of(""),
            null,
            "x",
            "",
            null,
            "weekly",
            null,
            "appliance",
            List.of(),
            "0",
            "x",
            "9",
            null),
        null,
        errors);
    assertThat(errors)
        .containsKeys("name", "labels", "securityPackage", "scanPath", "securityProfile")
        .containsKeys("scheduleMode", "targetType", "targets", "timeoutMinutes", "maxParallel")
        .containsKey("retriesOnTimeout");
    assertThat(errors.get("targetType")).contains("servers or instances").contains("appliance");
  }

  @Test
  void retentionReadsDaysAndNeverAndKeepsWhatWasNotSent() {
    Map<String, String> errors = new LinkedHashMap<>();
    assertThat(retention("30", "never", null, errors)).isEqualTo(new int[] {30, -1});
    assertThat(retention("30", "", null, errors)).isEqualTo(new int[] {30, -1});
    assertThat(retention(" 7 ", " 7 ", null, errors)).isEqualTo(new int[] {7, 7});
    assertThat(retention(null, null, null, errors)).isEqualTo(new int[] {90, 365});
    assertThat(errors).isEmpty();
    Job saved = draft(retentionInput("10", "never"), null, errors).toJob(null, null, T0);
    assertThat(retention(null, null, saved, errors)).isEqualTo(new int[] {10, -1});
    assertThat(retention("20", null, saved, errors)).isEqualTo(new int[] {20, -1});
    assertThat(errors).isEmpty();
  }

  @Test
  void retentionOutOfRangeOrOutOfOrderNamesTheField() {
    String[][] cases = {
      {"0", "365", "keepMinDays", "from 1 to 3650"},
      {"3651", "never", "keepMinDays", "from 1 to 3650"},
      {"x", "365", "keepMinDays", "whole number"},
      {"90", "0", "deleteAfterDays", "from 1 to 36500, or never"},
      {"90", "36501", "deleteAfterDays", "from 1 to 36500, or never"},
      {"90", "soon", "deleteAfterDays", "or never"},
      {"90", "30", "deleteAfterDays", "at least keepMinDays (90)"},
    };
    for (String[] c : cases) {
      Map<String, String> errors = new LinkedHashMap<>();
      draft(retentionInput(c[0], c[1]), null, errors);
      assertThat(errors).as(c[0] + "/" + c[1]).containsOnlyKeys(c[2]);
      assertThat(errors.get(c[2])).as(c[0] + "/" + c[1]).contains(c[3]);
    }
    Job saved =
        draft(retentionInput("10", "100"), null, new LinkedHashMap<>()).toJob(null, null, T0);
    Map<String, String> errors = new LinkedHashMap<>();
    retention("200", null, saved, errors);
    assertThat(errors.get("keepMinDays")).contains("at most deleteAfterDays (100)");
  }

  /** {keepMinDays, deleteAfterDays or -1 for never} after reading the two fields. */
  private static int[] retention(
      String keepMin, String deleteAfter, Job current, Map<String, String> errors) {
    JobOptions o = draft(retentionInput(keepMin, deleteAfter), current, errors).options();
    return new int[] {o.keepMinDays(), o.deleteAfterDays() == null ? -1 : o.deleteAfterDays()};
  }

  private static JobInput retentionInput(String keepMin, String deleteAfter) {
    return new JobInput(
        "n",
        null,
        null,
        null,
        "5",
        "ds.xml",
        "xccdf_p",
        null,
        null,
        "server",
        List.of("1"),
        null,
        null,
        null,
        keepMin,
        deleteAfter,
        null);
  }

  private static JobDraft draft(JobInput in, Job current, Map<String, String> errors) {
    return JobDraft.of(in, current, new JobFields(errors), errors, false);
  }

  private static JobInput input(
      String name, String mode, String dateTime, String type, List<String> targets) {
    return new JobInput(
        name, null, null, null, "5", "ds.xml", "xccdf_p", mode, dateTime, type, targets, null, null,
        null, null);
  }
}
