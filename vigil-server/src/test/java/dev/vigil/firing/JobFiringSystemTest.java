package dev.vigil.firing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SettableClock;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Jobs fired by their execute schedule or date-time, with a clock the test moves and a tick the
 * test runs after each move (besides the 1 s recurring tick of {@link VigilSystemTestWithClock}):
 * real local scans with the real oscap, real H2. A job whose only server was deleted serves as a
 * cheap witness: its fire fails ("no servers to scan") but is recorded, and since the tick handles
 * jobs in id order, a witness made last proves a tick has looked at the jobs made before it.
 */
@VigilSystemTestWithClock
class JobFiringSystemTest {

  private static final Path contentRoot = SystemTestContent.newFolder("vigil-jobfiringsystemtest");
  private static Path nineDs;
  private static Path slowDs;

  @LocalServerPort int port;
  @Autowired SettableClock clock;
  @Autowired MockMvc mvc;
  @Autowired JobFiring firing;
  ApiClient api;
  FiringApi fx;

  @BeforeAll
  static void content() throws IOException {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    slowDs = ScanFixtures.slowDatastream(contentRoot, 60);
  }

  /** Two hours behind the real time, as this test's own clock was (a shared one starts further). */
  @BeforeAll
  static void twoHoursBehind(@Autowired SettableClock clock) {
    clock.reset(Duration.ofHours(2));
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    fx = new FiringApi(api);
  }

  @AfterEach
  void cleanUp() {
    fx.deleteAllJobs();
  }

  /**
   * The job's name holds "(execution 1)", and an execution of another job is made first so that the
   * running one is never execution 1: a reason read from the conflict's text would name 1.
   */
  @Test
  void aCronFireStartsAnExecutionAndAFireWhileItRunsIsSkippedNamingTheRealExecution()
      throws Exception {
    Instant start = clock.nextMinutePlus(10);
    long schedule = fx.schedule("every-minute", "* * * * *", true);
    long pkg = fx.readyPackage("slow-firing", slowDs);
    long server = fx.localServer("firing-local");
    long nine = fx.readyPackage("nine-firing-first", nineDs);
    long earlier =
        fx.job(
            "earlier",
            nine,
            nineDs,
            ScanFixtures.NINE_PROFILE,
            server,
            "\"scheduleMode\":\"manual\"",
            true);
    fx.awaitEnd(
        api.put("/api/jobs/" + earlier + "/execute", "{}")
            .json()
            .get("jobExecution")
            .get("id")
            .asLong());
    long job =
        fx.job(
            "Weekly (execution 1)",
            pkg,
            slowDs,
            ScanFixtures.SLOW_PROFILE,
            server,
            "\"scheduleMode\":" + schedule,
            true);
    Instant minute = start.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
    assertThat(api.get("/api/jobs/" + job).json().get("job").get("nextFire").asString())
        .isEqualTo(minute.toString());

    clock.advance(Duration.ofSeconds(55));
    tick();
    JsonNode first = fx.awaitFires(job, 1).get(0);
    assertThat(first.get("outcome").asString()).isEqualTo("started");
    assertThat(first.get("scheduledFor").asString()).isEqualTo(minute.toString());
    assertThat(first.get("reason").isNull()).isTrue();
    long execution = first.get("executionId").asLong();
    assertThat(execution).isNotEqualTo(1);
    JsonNode started = fx.execution(execution);
    assertThat(started.get("trigger").asString()).isEqualTo("schedule");
    assertThat(started.get("createdBy").isNull()).isTrue();
    assertThat(started.get("job").get("id").asLong()).isEqualTo(job);

    clock.advance(Duration.ofSeconds(60));
    tick();
    JsonNode fires = fx.awaitFires(job, 2);
    JsonNode skipped = fires.get(0);
    assertThat(skipped.get("outcome").asString()).isEqualTo("skipped");
    assertThat(skipped.get("scheduledFor").asString()).isEqualTo(minute.plusSeconds(60).toString());
    assertThat(skipped.get("reason").asString())
        .isEqualTo("previous execution " + execution + " still running");
    assertThat(skipped.get("executionId").isNull()).isTrue();
    assertThat(fx.executionCount(job)).isOne();
    assertThat(fx.execution(execution).get("status").asString()).isIn("queued", "running");

    JsonNode got = api.get("/api/jobs/" + job).json();
    assertThat(got.get("fires")).hasSize(2);
    assertThat(got.get("fires").get(0).get("outcome").asString()).isEqualTo("skipped");
    assertThat(got.get("fires").get(1).get("executionId").asLong()).isEqualTo(execution);
    JsonNode page = api.get("/api/jobs/" + job + "/fires?max=1&offset=1").json();
    assertThat(page.get("fires")).hasSize(1);
    assertThat(page.get("fires").get(0).get("outcome").asString()).isEqualTo("started");
    assertThat(page.get("meta").get("total").asInt()).isEqualTo(2);
    assertThat(api.get("/api/jobs/999999/fires").status()).isEqualTo(404);

    String html = Pages.html(mvc, "/provisioning/jobs/" + job, "admin");
    assertThat(html)
        .contains("Recent fires", "id=\"job-fires\"", ">skipped<", ">started<")
        .contains("previous execution " + execution + " still running")
        .contains("/provisioning/jobs/executions/" + execution);
  }

  @Test
  void aDisabledJobAndAJobOnADisabledScheduleNeitherFireNorCatchUpWhenEnabledAgain() {
    clock.nextMinutePlus(10);
    long on = fx.schedule("on-schedule", "* * * * *", true);
    long off = fx.schedule("off-schedule", "* * * * *", false);
    long pkg = fx.readyPackage("nine-firing-off", nineDs);
    long server = fx.localServer("soon-gone");
    long disabledJob = serverless("disabled-job", pkg, server, "\"scheduleMode\":" + on, false);
    long offScheduleJob =
        serverless("off-schedule-job", pkg, server, "\"scheduleMode\":" + off, true);
    long witness = serverless("witness", pkg, server, "\"scheduleMode\":" + on, true);
    assertThat(api.delete("/api/servers/" + server).status()).isEqualTo(200);

    for (int minute = 1; minute <= 2; minute++) {
      clock.nextMinutePlus(5);
      tick();
      JsonNode w = fx.awaitFires(witness, minute).get(0);
      assertThat(w.get("outcome").asString()).isEqualTo("failed");
      assertThat(w.get("reason").asString()).isEqualTo("job witness has no servers to scan");
      assertThat(fx.fires(disabledJob)).isEmpty();
      assertThat(fx.fires(offScheduleJob)).isEmpty();
    }

    put("/api/jobs/" + disabledJob, "{\"job\":{\"enabled\":true}}");
    put("/api/execute-schedules/" + off, "{\"schedule\":{\"enabled\":true}}");
    Instant at = clock.instant().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    long tickWitness =
        serverlessAt(
            "tick-witness", pkg, "\"scheduleMode\":\"dateTime\",\"dateTime\":\"" + at + "\"");
    clock.advance(Duration.ofSeconds(4));
    tick();
    fx.awaitFires(tickWitness, 1);
    assertThat(fx.fires(disabledJob)).as("no backlog after enabling the job").isEmpty();
    assertThat(fx.fires(offScheduleJob)).as("no backlog after enabling the schedule").isEmpty();

    clock.nextMinutePlus(5);
    tick();
    assertThat(fx.awaitFires(disabledJob, 1).get(0).get("outcome").asString()).isEqualTo("failed");
    assertThat(fx.awaitFires(offScheduleJob, 1).get(0).get("outcome").asString())
        .isEqualTo("failed");
    assertThat(fx.executionCount(disabledJob) + fx.executionCount(offScheduleJob)).isZero();
  }

  @Test
  void movingAJobToAnotherScheduleFiresNoBacklog() {
    clock.nextMinutePlus(10);
    long yearly = fx.schedule("yearly", "0 0 1 1 *", true);
    long minutely = fx.schedule("minutely-target", "* * * * *", true);
    long pkg = fx.readyPackage("nine-firing-move", nineDs);
    long server = fx.localServer("move-gone");
    long job = serverless("moving", pkg, server, "\"scheduleMode\":" + yearly, true);
    long witness = serverless("move-witness", pkg, server, "\"scheduleMode\":" + minutely, true);
    assertThat(api.delete("/api/servers/" + server).status()).isEqualTo(200);
    clock.nextMinutePlus(5);
    tick();
    fx.awaitFires(witness, 1);
    assertThat(fx.fires(job)).isEmpty();

    put("/api/jobs/" + job, "{\"job\":{\"scheduleMode\":" + minutely + "}}");
    Instant at = clock.instant().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    long tickWitness =
        serverlessAt(
            "move-tick-witness", pkg, "\"scheduleMode\":\"dateTime\",\"dateTime\":\"" + at + "\"");
    clock.advance(Duration.ofSeconds(4));
    tick();
    fx.awaitFires(tickWitness, 1);
    assertThat(fx.fires(job)).as("the minute passed before the move is not fired").isEmpty();

    Instant next = clock.nextMinutePlus(5);
    tick();
    JsonNode fire = fx.awaitFires(job, 1).get(0);
    assertThat(fire.get("scheduledFor").asString())
        .isEqualTo(next.truncatedTo(ChronoUnit.MINUTES).toString());
  }

  @Test
  void aDateTimeJobFiresExactlyOnceAtItsDateTime() {
    clock.nextMinutePlus(5);
    tick();
    long pkg = fx.readyPackage("nine-firing-once", nineDs);
    long server = fx.localServer("once-local");
    Instant at = clock.instant().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
    long job =
        fx.job(
            "once",
            pkg,
            nineDs,
            ScanFixtures.NINE_PROFILE,
            server,
            "\"scheduleMode\":\"dateTime\",\"dateTime\":\"" + at + "\"",
            true);
    long schedule = fx.schedule("once-witness-schedule", "* * * * *", true);
    long gone = fx.localServer("once-gone");
    long witness = serverless("once-witness", pkg, gone, "\"scheduleMode\":" + schedule, true);
    api.delete("/api/servers/" + gone);

    clock.advance(Duration.ofSeconds(21));
    tick();
    JsonNode fire = fx.awaitFires(job, 1).get(0);
    assertThat(fire.get("outcome").asString()).isEqualTo("started");
    assertThat(fire.get("scheduledFor").asString()).isEqualTo(at.toString());
    JsonNode ended = fx.awaitEnd(fire.get("executionId").asLong());
    assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("complete");
    assertThat(ended.get("trigger").asString()).isEqualTo("schedule");

    int witnessed = fx.fires(witness).size();
    clock.nextMinutePlus(5);
    tick();
    fx.awaitFires(witness, witnessed + 1);
    clock.nextMinutePlus(5);
    tick();
    fx.awaitFires(witness, witnessed + 2);
    assertThat(fx.fires(job)).hasSize(1);
    assertThat(fx.executionCount(job)).isOne();
    assertThat(api.get("/api/jobs/" + job).json().get("job").get("nextFire").isNull()).isTrue();
  }

  /**
   * Runs the firing tick now, after the clock moved, rather than waiting up to a second for the
   * recurring one (which keeps running too: a tick may come from either).
   */
  private void tick() {
    firing.run();
  }

  /** A job made on {@code server}, which the caller deletes: its fires fail but are recorded. */
  private long serverless(String name, long pkg, long server, String when, boolean on) {
    return fx.job(name, pkg, nineDs, ScanFixtures.NINE_PROFILE, server, when, on);
  }

  private long serverlessAt(String name, long pkg, String when) {
    long server = fx.localServer(name + "-server");
    long job = serverless(name, pkg, server, when, true);
    assertThat(api.delete("/api/servers/" + server).status()).isEqualTo(200);
    return job;
  }

  private void put(String path, String body) {
    ApiClient.Response r = api.put(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-firing-content");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
