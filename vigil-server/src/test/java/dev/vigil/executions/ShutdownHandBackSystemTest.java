package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.VigilApplication;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A node that stops while it scans hands its target run back: two real Vigil nodes (two Spring
 * contexts) on one H2 database, a real local oscap scan whose one SCE check sleeps. Node a is
 * stopped mid-scan with a 1 s grace: its oscap is killed, its run directory removed, the run queued
 * again with the reason; node b, started after, scans it as attempt 2 and records exactly one scan.
 */
class ShutdownHandBackSystemTest {

  @TempDir Path content;

  @Test
  void aStoppingNodeHandsItsRunningScanBackAndAnotherNodeFinishesIt() throws Exception {
    ScanFixtures.requireScanning();
    Path slow = ScanFixtures.slowDatastream(content, 8);
    String db =
        "jdbc:h2:mem:handback-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    ConfigurableApplicationContext a = node("a", db, slow.getParent());
    long run;
    long execution;
    try {
      ApiClient api = new ApiClient(port(a)).login("admin", "handback-pw");
      FleetApi fleet = new FleetApi(api);
      long pkg = fleet.readyPackage("slow-handback", slow);
      long server = fleet.localServers("handback-local", 1).get(0);
      long job =
          fleet.job(
              "handback",
              pkg,
              slow.getFileName().toString(),
              ScanFixtures.SLOW_PROFILE,
              List.of(server),
              1);
      execution = fleet.execute(job);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> "scanning".equals(event(api, execution).get("targetStatus").asString()));
      run = event(api, execution).get("id").asLong();
      assertThat(runDirs(run)).as("the scan runs in its run directory").isNotEmpty();
    } finally {
      a.close();
    }
    assertThat(runDirs(run)).as("node a removed its run directory").isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(oscapOf(run)).as("node a killed its oscap").isBlank());
    SingleConnectionDataSource between = new SingleConnectionDataSource(db, "sa", "", true);
    try {
      Map<String, Object> row =
          JdbcClient.create(between)
              .sql("select status, reason, attempt from target_runs where id = ?")
              .param(run)
              .query()
              .singleRow();
      assertThat(row.get("status")).isEqualTo("queued");
      assertThat((String) row.get("reason"))
          .isEqualTo("handed back: node-a stopped while it ran attempt 1; to be scanned again");
      assertThat(((Number) row.get("attempt")).intValue()).isEqualTo(1);
    } finally {
      between.destroy();
    }

    ConfigurableApplicationContext b = node("b", db, slow.getParent());
    try {
      JdbcClient shared = JdbcClient.create(b.getBean(javax.sql.DataSource.class));
      ApiClient api = new ApiClient(port(b)).login("admin", "handback-pw");
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () ->
                  List.of("complete", "failed", "cancelled")
                      .contains(
                          api.get("/api/job-executions/" + execution)
                              .json()
                              .get("jobExecution")
                              .get("status")
                              .asString()));
      JsonNode ev = event(api, execution);
      assertThat(ev.get("targetStatus").asString()).as(ev.toString()).isEqualTo("done");
      assertThat(ev.get("attempt").asInt()).isEqualTo(2);
      assertThat(ev.get("node").asString()).isEqualTo("node-b");
      assertThat(ev.get("output").asString())
          .contains("attempt 1 on node-a")
          .contains("handed back: node-a stopped while it ran attempt 1")
          .contains("attempt 2 on node-b");
      assertThat(
              shared
                  .sql("select count(*) from security_scans where target_run_id = ?")
                  .param(run)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    } finally {
      b.close();
    }
  }

  private static ConfigurableApplicationContext node(String name, String db, Path contentRoot) {
    Map<String, String> props =
        Map.of(
            "server.port", "0",
            "spring.datasource.url", db,
            "spring.jmx.enabled", "false",
            "spring.main.register-shutdown-hook", "false",
            "vigil.scheduler.node-name", "node-" + name,
            "vigil.scheduler.polling-interval", "200ms",
            "vigil.executions.shutdown-grace", "1s",
            "vigil.access.admin-password", "handback-pw",
            "vigil.packages.allowed-file-roots", contentRoot.toString(),
            "spring.datasource.hikari.pool-name", "handback-" + name);
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    return new SpringApplicationBuilder(VigilApplication.class).run(args.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext ctx) {
    return Integer.parseInt(ctx.getEnvironment().getRequiredProperty("local.server.port"));
  }

  private static JsonNode event(ApiClient api, long execution) {
    return api.get("/api/job-executions/" + execution)
        .json()
        .get("jobExecution")
        .get("process")
        .get("events")
        .get(0);
  }

  private static List<Path> runDirs(long run) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("/var/tmp"))) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("vigil-run.tr" + run + "-"))
          .toList();
    }
  }

  /** Processes working in the run's directories ({@code [v]}: the shell does not match itself). */
  private static String oscapOf(long run) {
    return ScanFixtures.run("sh", "-c", "pgrep -af -- '[v]igil-run.tr" + run + "-' || true");
  }
}
