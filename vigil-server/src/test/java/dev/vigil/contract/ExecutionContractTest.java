package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertGet;
import static dev.vigil.contract.ContractAssertions.assertList;
import static dev.vigil.contract.ContractAssertions.assertTimestamp;
import static dev.vigil.contract.ContractAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractFixture.Scans;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API.md §6 over the wire: job executions of real local scans, their process and events. */
class ExecutionContractTest extends ContractTestBase {

  private static final String EXECUTIONS = "/api/job-executions";
  private static final String KEY = "jobExecutions";

  ContractFixture f;
  Scans s;

  @BeforeEach
  void executed() {
    f = fixture();
    s = f.scans();
  }

  @Test
  void anExecutionHasTheShapeTheCliReads() {
    long id = s.executionsA().get(0);
    JsonNode e = assertGet(admin.get(EXECUTIONS + "/" + id), "jobExecution");
    assertThat(e.get("name").asString()).isEqualTo("ctrfix-job-a");
    assertThat(e.get("job").get("id").asLong()).isEqualTo(s.jobA());
    assertThat(e.get("job").get("name").asString()).isEqualTo("ctrfix-job-a");
    assertThat(e.get("job").get("type").get("code").asString()).isEqualTo("morpheus.securityScan");
    assertThat(e.get("job").get("type").get("name").asString()).isEqualTo("Security Scan Job");
    assertThat(e.get("status").asString()).isEqualTo("complete");
    assertTimestamp(e.get("dateCreated"), "dateCreated");
    assertTimestamp(e.get("startDate"), "startDate");
    assertTimestamp(e.get("endDate"), "endDate");
    assertThat(e.has("endData")).as("endDate, not the legacy misspelling").isFalse();
    assertDurationMatches(e);
    assertThat(e.get("createdBy").get("username").asString()).isEqualTo("admin");
    JsonNode p = e.get("process");
    assertThat(p.get("processType").get("code").asString()).isNotBlank();
    assertThat(p.get("status").asString()).isEqualTo("complete");
    assertDurationMatches(p);
    JsonNode events = p.get("events");
    assertThat(events).hasSize(2);
    for (JsonNode ev : events) {
      assertThat(ev.get("id").isNumber()).isTrue();
      assertThat(ev.get("refType").asString()).isEqualTo("server");
      assertThat(ev.get("status").asString()).isEqualTo("complete");
      assertThat(ev.get("processTypeName").asString()).isNotBlank();
      assertTimestamp(ev.get("startDate"), "event startDate");
      assertDurationMatches(ev);
    }
    assertThat(
            List.of(
                events.get(0).get("displayName").asString(),
                events.get(1).get("displayName").asString()))
        .containsExactlyInAnyOrder("ctrfix-local-1", "ctrfix-local-2");
    long event = events.get(0).get("id").asLong();
    JsonNode got = assertGet(admin.get(EXECUTIONS + "/" + id + "/events/" + event), "processEvent");
    assertThat(got.get("displayName").asString())
        .isEqualTo(events.get(0).get("displayName").asString());
    assertError(admin.get(EXECUTIONS + "/" + id + "/events/999999"), 404);
  }

  @Test
  void filtersByJobIdStatusAndDatesAndTakesBareKeysAsAbsent() {
    JsonNode ofA = assertList(admin.get(EXECUTIONS + "?jobId=" + s.jobA()), KEY);
    assertThat(ids(ofA))
        .containsExactlyElementsOf(List.of(s.executionsA().get(1), s.executionsA().get(0)));
    assertThat(ids(assertList(admin.get(EXECUTIONS + "?jobId=" + s.jobB()), KEY)))
        .containsExactly(s.executionB());
    assertThat(
            ids(assertList(admin.get(EXECUTIONS + "?jobId=" + s.jobA() + "&status=complete"), KEY)))
        .hasSize(2);
    assertThat(assertList(admin.get(EXECUTIONS + "?jobId=" + s.jobA() + "&status=running"), KEY))
        .isEmpty();
    String today = Instant.now().toString().substring(0, 10);
    assertThat(
            assertList(
                admin.get(
                    EXECUTIONS
                        + "?jobId="
                        + s.jobA()
                        + "&startDate="
                        + today
                        + "&endDate="
                        + today),
                KEY))
        .hasSize(2);
    assertThat(
            assertList(admin.get(EXECUTIONS + "?jobId=" + s.jobA() + "&endDate=2000-01-01"), KEY))
        .isEmpty();
    JsonNode bare =
        assertList(
            admin.get(
                EXECUTIONS
                    + "?jobId="
                    + s.jobA()
                    + "&status&startDate&endDate&name&automation=false&internalOnly=false"
                    + "&noSuchFilter=1"),
            KEY);
    assertThat(bare).hasSize(2);
    assertThat(assertList(admin.get(EXECUTIONS + "?jobId&max=-1"), KEY).size())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void nameIsTheExactJobNameAndMayMatchSeveral() {
    assertThat(ids(assertList(admin.get(EXECUTIONS + "?name=ctrfix-job-a"), KEY)))
        .containsExactlyElementsOf(List.of(s.executionsA().get(1), s.executionsA().get(0)));
    assertThat(
            admin.get(EXECUTIONS + "?name=ctrfix-job-a").json().get("meta").get("total").asLong())
        .isEqualTo(2);
    assertThat(ids(assertList(admin.get(EXECUTIONS + "?name=ctrfix-job-b"), KEY)))
        .containsExactly(s.executionB());
    assertThat(assertList(admin.get(EXECUTIONS + "?name=ctrfix-job"), KEY))
        .as("exact, not partial")
        .isEmpty();
    assertThat(admin.get(EXECUTIONS + "?name=ctrfix-job").json().get("meta").get("total").asLong())
        .isZero();
    assertThat(assertList(admin.get(EXECUTIONS + "?name=ctrfix-job-a&jobId=" + s.jobB()), KEY))
        .as("name and jobId both apply")
        .isEmpty();
  }

  @Test
  void pagesNewestFirstWithMaxOffsetAndMeta() {
    String q = EXECUTIONS + "?jobId=" + s.jobA();
    JsonNode first = assertList(admin.get(q + "&max=1"), KEY);
    assertThat(ids(first)).containsExactly(s.executionsA().get(1));
    JsonNode meta = admin.get(q + "&max=1").json().get("meta");
    assertThat(meta.get("max").asInt()).isEqualTo(1);
    assertThat(meta.get("total").asLong()).isEqualTo(2);
    assertThat(ids(assertList(admin.get(q + "&max=1&offset=1"), KEY)))
        .containsExactly(s.executionsA().get(0));
    assertThat(admin.get(q + "&max=1&offset=1").json().get("meta").get("offset").asInt())
        .isEqualTo(1);
    assertThat(ids(assertList(admin.get(q + "&max=-1"), KEY))).hasSize(2);
    assertThat(assertList(admin.get(q + "&offset=2"), KEY)).isEmpty();
    assertThat(ids(assertList(admin.get(q + "&sort=id&direction=asc"), KEY)))
        .containsExactly(s.executionsA().get(0), s.executionsA().get(1));
    assertThat(ids(assertList(admin.get(q + "&sort=dateCreated%20desc"), KEY)))
        .containsExactly(s.executionsA().get(1), s.executionsA().get(0));
    assertThat(ids(assertList(admin.get(q + "&sort=noSuchProperty&direction=asc"), KEY)))
        .as("an unknown sort falls back to newest first")
        .containsExactly(s.executionsA().get(1), s.executionsA().get(0));
    // phrase: part of the job's name (or its creator's), any case
    assertThat(ids(assertList(admin.get(EXECUTIONS + "?phrase=CTRFIX-JOB-A&max=-1"), KEY)))
        .containsExactly(s.executionsA().get(1), s.executionsA().get(0));
    JsonNode none = admin.get(EXECUTIONS + "?phrase=no-such-job-anywhere").json();
    assertThat(none.get("jobExecutions")).isEmpty();
    assertThat(none.get("meta").get("total").asLong()).isZero();
  }

  @Test
  void badInputIsA400NamingTheParameter() {
    assertError(admin.get(EXECUTIONS + "?jobId=abc"), 400, "jobId");
    assertError(admin.get(EXECUTIONS + "?status=sleeping"), 400, "status");
    assertError(admin.get(EXECUTIONS + "?startDate=yesterday"), 400, "startDate");
    assertError(admin.get(EXECUTIONS + "?endDate=2026-13-45"), 400, "endDate");
    assertError(
        admin.get(EXECUTIONS + "?startDate=2026-02-01&endDate=2026-01-01"), 400, "startDate");
    assertError(admin.get(EXECUTIONS + "?max=many"), 400, "max");
    assertError(admin.get(EXECUTIONS + "?offset=-1"), 400, "offset");
  }

  @Test
  void endedExecutionsCannotBeCancelledAndUnknownIdsAre404() {
    long id = s.executionsA().get(0);
    JsonNode conflict = assertError(admin.put(EXECUTIONS + "/" + id + "/cancel", "{}"), 400);
    assertThat(conflict.get("msg").asString()).isNotBlank();
    assertError(admin.get(EXECUTIONS + "/999999"), 404);
    assertError(admin.put(EXECUTIONS + "/999999/cancel", "{}"), 404);
    assertError(admin.put(EXECUTIONS + "/999999/rerun", "{}"), 404);
  }

  @Test
  void otherRolesAre403AndStrangersAre401() {
    assertError(noScanning().get(EXECUTIONS), 403);
    assertError(noScanning().get(EXECUTIONS + "/" + s.executionB()), 403);
    assertError(noScanning().put(EXECUTIONS + "/" + s.executionB() + "/rerun", "{}"), 403);
    assertError(anonymous().get(EXECUTIONS), 401, "unauthorized");
    assertError(anonymous().bearer("nope").get(EXECUTIONS), 401, "invalid_token");
  }

  /** Duration in milliseconds: endDate − startDate, to the millisecond. */
  private static void assertDurationMatches(JsonNode r) {
    assertThat(r.get("duration").isNumber()).as("duration in %s", r).isTrue();
    long ms =
        Duration.between(
                Instant.parse(r.get("startDate").asString()),
                Instant.parse(r.get("endDate").asString()))
            .toMillis();
    assertThat(r.get("duration").asLong()).as("duration is ms").isBetween(ms - 1, ms + 1);
    assertThat(r.get("duration").asLong()).isPositive();
  }
}
