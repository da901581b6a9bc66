package dev.vigil.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.jobs.JobInput;
import dev.vigil.shared.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job body bound by Jackson takes what morpheus-cli sends (cli/commands/jobs_command.rb: {@code
 * targetType}, {@code targets: [{refId}]}, {@code securityPackage: {id}}, on/off booleans, numbers
 * as text), and a body with several fields of the wrong shape reports all of them, not the first.
 */
class JobBodyTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JobInput input(String json) {
    return JobBody.input(JSON.readValue(json, JobBody.class));
  }

  @Test
  void readsTheShapesTheMorpheusClientSends() {
    JobInput in =
        input(
            "{\"job\":{\"name\":\"nightly\",\"targetType\":\"server\",\"targets\":[{\"refId\":3},"
                + "{\"refId\":\"4\"}],\"securityPackage\":{\"id\":5},\"scheduleMode\":\"manual\","
                + "\"enabled\":\"on\",\"timeoutMinutes\":\"30\",\"maxParallel\":10,"
                + "\"labels\":\"a, b\",\"deleteAfterDays\":null,\"run\":\"off\",\"x\":1}}");
    assertThat(in.name()).isEqualTo("nightly");
    assertThat(in.targets()).containsExactly("3", "4");
    assertThat(in.targetType()).isEqualTo("server");
    assertThat(in.securityPackage()).isEqualTo("5");
    assertThat(in.enabled()).isTrue();
    assertThat(in.timeoutMinutes()).isEqualTo("30");
    assertThat(in.maxParallel()).isEqualTo("10");
    assertThat(in.labels()).containsExactly("a", "b");
    assertThat(in.deleteAfterDays()).as("null: never").isEqualTo("never");
    assertThat(in.keepMinDays()).as("absent: unchanged").isNull();
    assertThat(in.securityTailoring()).as("absent: unchanged").isNull();
    assertThat(in.problems()).isEmpty();
    assertThat(input("{\"job\":{\"securityPackage\":7,\"securityTailoring\":null}}"))
        .extracting(JobInput::securityPackage, JobInput::securityTailoring)
        .containsExactly("7", "");
  }

  @Test
  void labelTargetsAndTargetsNamingTheirKind() {
    JobInput label =
        input("{\"job\":{\"targetType\":\"instance-label\",\"instanceLabel\":\"env:web\"}}");
    assertThat(label.targetLabel()).isEqualTo("env:web");
    JobInput declared =
        input(
            "{\"job\":{\"targets\":[{\"refId\":21,\"targetType\":\"instance\"},"
                + "{\"refId\":22,\"targetType\":\"instance\"}]}}");
    assertThat(declared.targetType()).isEqualTo("instance");
    JobInput mixed =
        input(
            "{\"job\":{\"targets\":[{\"refId\":21,\"targetType\":\"instance\"},"
                + "{\"refId\":3,\"targetType\":\"server\"}]}}");
    assertThat(mixed.problems()).containsKey("targets");
  }

  @Test
  void everyFieldOfTheWrongShapeIsReportedTogether() {
    JobInput in =
        input(
            "{\"job\":{\"name\":{},\"enabled\":\"maybe\",\"securityPackage\":[1],"
                + "\"timeoutMinutes\":[30],\"targets\":\"3\",\"labels\":{\"a\":1},"
                + "\"run\":\"soon\",\"securityTailoring\":{\"id\":[3]}}}");
    assertThat(in.problems())
        .containsOnlyKeys(
            "name",
            "enabled",
            "securityPackage",
            "timeoutMinutes",
            "targets",
            "labels",
            "run",
            "securityTailoring");
    assertThat(in.problems().get("enabled")).isEqualTo("must be true or false");
    assertThat(in.problems().get("securityPackage"))
        .isEqualTo("must be an object with the package id: {\"id\": 5}");
  }

  @Test
  void aBodyWithoutItsJobObjectOrOfAnotherJobTypeIsRefused() {
    assertThatThrownBy(() -> input("{\"name\":\"x\"}"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsKey("job"));
    assertThatThrownBy(() -> JobBody.input(null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> input("{\"job\":\"nightly\"}"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsKey("job"));
    for (String other :
        List.of("\"task\":{\"id\":1}", "\"workflow\":{\"id\":1}", "\"type\":{\"code\":\"x\"}")) {
      assertThatThrownBy(() -> input("{\"job\":{" + other + "}}"))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsKey("type"));
    }
    assertThat(input("{\"job\":{\"type\":{\"code\":\"morpheus.securityScan\"}}}").problems())
        .isEmpty();
  }
}
