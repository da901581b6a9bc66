package dev.vigil.results.compare;

import static dev.vigil.results.compare.CompareContent.RULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.results.ScanOrigin;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Drift per job execution on real executions of a job over local servers: the rules that changed
 * per server since the job's previous execution, the servers not compared, and the execution page.
 */
class ExecutionDriftSystemTest extends CompareSystemTestBase {

  @Test
  void driftListsTheRulesThatChangedPerServerAndTheServersNotCompared() throws Exception {
    String prefix = "drift" + NAMES.incrementAndGet();
    List<Long> servers = fleet.localServers(prefix, 2);
    long c = server();
    String jobName = prefix + "-job";
    long job =
        fleet.job(
            jobName,
            packageId,
            nineDs.getFileName().toString(),
            ScanFixtures.NINE_PROFILE,
            servers,
            2);
    long first = fleet.execute(job);
    awaitEnd(first);
    JsonNode none = api.get("/api/job-executions/" + first + "/drift").json().get("drift");
    assertThat(none.get("previousExecution").isNull()).isTrue();
    assertThat(none.get("msg").asString()).isEqualTo("No previous execution of job " + jobName);
    assertThat(none.get("rules")).isEmpty();

    long second = fleet.execute(job);
    awaitEnd(second);
    // the first server's content changed after its scan in the second execution; a third server
    // was scanned only in the second execution, a fourth only in the first
    ScanOrigin origin = new ScanOrigin(job, jobName, second, null);
    long changed = record(servers.get(0), afterArf, 3600, origin);
    record(c, beforeArf, 3600, origin);
    long d = server();
    record(d, beforeArf, 60, new ScanOrigin(job, jobName, first, null));

    JsonNode drift = api.get("/api/job-executions/" + second + "/drift").json().get("drift");
    assertThat(drift.get("execution").get("id").asLong()).isEqualTo(second);
    assertThat(drift.get("previousExecution").get("id").asLong()).isEqualTo(first);
    assertThat(drift.get("serversCompared").asInt()).isEqualTo(2);
    Map<String, String> byRule = new LinkedHashMap<>();
    for (JsonNode rule : drift.get("rules")) {
      assertThat(rule.get("servers")).hasSize(1);
      JsonNode on = rule.get("servers").get(0);
      assertThat(on.get("server").get("id").asLong()).isEqualTo(servers.get(0));
      assertThat(on.get("afterScanId").asLong()).isEqualTo(changed);
      byRule.put(rule.get("ruleId").asString(), on.get("change").asString());
    }
    assertThat(byRule).isEqualTo(EXPECTED);
    assertThat(drift.get("rules").get(0).get("ruleId").asString()).isEqualTo(RULE + "pass");
    assertThat(drift.get("counts").get("total").asInt()).isEqualTo(7);
    Map<Long, String> missing = new LinkedHashMap<>();
    drift
        .get("missing")
        .forEach(m -> missing.put(m.get("server").get("id").asLong(), m.get("reason").asString()));
    assertThat(missing)
        .isEqualTo(
            Map.of(
                c,
                "no scan in the previous execution (" + first + ")",
                d,
                "no scan in this execution"));

    String detail = Pages.html(mvc, "/provisioning/jobs/executions/" + second, "cmp-auditor");
    assertThat(detail)
        .contains("Drift since previous execution", "no scan in the previous execution");
    EXPECTED.keySet().forEach(rule -> assertThat(detail).contains("data-rule-id=\"" + rule + "\""));
    assertThat(Pages.html(mvc, "/provisioning/jobs/executions/" + first, "cmp-auditor"))
        .contains("No previous execution of job " + jobName);
  }

  @Test
  void whileAnExecutionRunsItsPageLeavesTheDriftForLater() throws Exception {
    Path slowDs = ScanFixtures.slowDatastream(Files.createTempDirectory(contentRoot, "slow"), 300);
    String prefix = "slow" + NAMES.incrementAndGet();
    long job =
        fleet.job(
            prefix,
            fleet.readyPackage(prefix, slowDs),
            slowDs.getFileName().toString(),
            ScanFixtures.SLOW_PROFILE,
            fleet.localServers(prefix, 1),
            1);
    long running = fleet.execute(job);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(running).equals("running"));
      assertThat(Pages.html(mvc, "/provisioning/jobs/executions/" + running, "cmp-auditor"))
          .contains("Drift since previous execution", "Shown once the execution has ended");
      JsonNode drift = api.get("/api/job-executions/" + running + "/drift").json().get("drift");
      assertThat(drift.get("previousExecution").isNull()).isTrue();
    } finally {
      api.put("/api/job-executions/" + running + "/cancel", "{}");
      await().atMost(Duration.ofSeconds(60)).until(() -> status(running).equals("cancelled"));
    }
  }
}
