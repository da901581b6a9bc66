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
