package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Morpheus error body as the client reads it (API.md §1), nulls and extra keys included. */
class ApiErrorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void a404HasNoErrorsKeyAndA400AlwaysHasOne() {
    assertThat(JSON.writeValueAsString(ApiError.of(404, "Job not found", null)))
        .isEqualTo("{\"success\":false,\"msg\":\"Job not found\"}");
    assertThat(JSON.writeValueAsString(ApiError.of(400, "in use", null)))
        .isEqualTo("{\"success\":false,\"msg\":\"in use\",\"errors\":{}}");
    assertThat(JSON.writeValueAsString(ApiError.of(400, "bad", Map.of("name", "is required"))))
        .isEqualTo("{\"success\":false,\"msg\":\"bad\",\"errors\":{\"name\":\"is required\"}}");
    assertThat(JSON.writeValueAsString(ApiError.of("Too many failed sign-ins")))
        .isEqualTo("{\"success\":false,\"msg\":\"Too many failed sign-ins\"}");
  }

  @Test
  void extraKeysAreWrittenBesideMsgWithoutReplacingIt() {
    ApiError e =
        ApiError.of(400, "job is already running", null)
            .with(Map.of("jobExecution", Map.of("id", 5), "msg", "not this"));
    assertThat(JSON.writeValueAsString(e))
        .isEqualTo(
            "{\"success\":false,\"msg\":\"job is already running\",\"errors\":{},"
                + "\"jobExecution\":{\"id\":5}}");
  }
}
