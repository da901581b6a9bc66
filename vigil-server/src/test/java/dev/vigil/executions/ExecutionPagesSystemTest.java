package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Provisioning → Jobs → Job Executions: MORE → Execute from the job page runs the job for real, the
 * list and detail show it with one row per server and its scan, and an auditor sees them but cannot
 * execute.
 */
@VigilSystemTest
class ExecutionPagesSystemTest {

  private static final Path contentRoot =
      SystemTestContent.newFolder("vigil-executionpagessystemtest");
  private static Path nineDs;
  private static Path slowDs;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    slowDs = ScanFixtures.slowDatastream(contentRoot, 60);
  }

  @Test
  void executeFromTheJobPageShowsTheRunPerServerAndAnAuditorOnlyLooks() throws Exception {
    ApiClient admin = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    TestUsers.create(admin, "pages-auditor", "pages-auditor-pw-1", "Auditor");
    ExecutionApi exec = new ExecutionApi(admin, null, nineDs);
    long job =
        exec.job(
            "page-job",
            exec.readyPackage("nine-pages"),
            List.of(exec.localServer("page-local")),
            5);
    String execute = "/provisioning/jobs/" + job + "/execute";
    mvc.perform(post(execute).with(user("pages-auditor")).with(csrf()))
        .andExpect(status().isForbidden());
    assertThat(page("/provisioning/jobs/" + job, "pages-auditor")).doesNotContain("execute-job");
    assertThat(page("/provisioning/jobs/" + job, "admin")).contains("execute-job", execute);
    long id = executionOf(job, admin);
    mvc.perform(post(execute).with(user("admin")).with(csrf()))
        .andExpect(redirectedUrl("/provisioning/jobs/executions/" + (id + 1)))
        .andExpect(flash().attribute("queued", "Job queued for execution."));
    JsonNode ended = exec.awaitEnd(id + 1);
    assertThat(ended.get("status").asString()).isEqualTo("complete");
    String scanId = ended.get("process").get("events").get(0).get("scanId").asString();
    assertThat(page("/provisioning/jobs/executions", "pages-auditor"))
        .contains("Job Executions", "page-job", "complete");
    assertThat(page("/provisioning/jobs/executions?phrase=PAGE-J", "pages-auditor"))
        .contains("href=\"/provisioning/jobs/executions/" + (id + 1) + "\"", "value=\"PAGE-J\"");
    assertThat(page("/provisioning/jobs/executions?phrase=no-such-job", "pages-auditor"))
        .doesNotContain("href=\"/provisioning/jobs/executions/" + (id + 1) + "\"");
    assertThat(page("/provisioning/jobs/executions/" + (id + 1), "pages-auditor"))
        .contains(
            "page-local", "done", "href=\"/security-scans/" + scanId + "\"", "data-refresh-while");
  }

  @Test
  void executeWhileTheJobRunsOpensTheRunningExecutionWithWhyNothingStarted() throws Exception {
    ApiClient admin = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    ExecutionApi exec = new ExecutionApi(admin, null, slowDs);
    long job =
        exec.job(
            "Busy (execution 1)",
            exec.readyPackage("slow-pages"),
            List.of(exec.localServer("busy-local")),
            1,
            ScanFixtures.SLOW_PROFILE);
    long running = exec.execute(job);
    mvc.perform(post("/provisioning/jobs/" + job + "/execute").with(user("admin")).with(csrf()))
        .andExpect(redirectedUrl("/provisioning/jobs/executions/" + running))
        .andExpect(
            flash()
                .attribute(
                    "problem",
                    "job Busy (execution 1) is already running (execution "
                        + running
                        + "); nothing new was started."));
    admin.put("/api/job-executions/" + running + "/cancel", "{}");
    assertThat(exec.awaitEnd(running).get("status").asString()).isEqualTo("cancelled");
  }

  /** Executes once over the API (the id of the page's execution follows) and waits for the end. */
  private long executionOf(long job, ApiClient admin) {
    ExecutionApi exec = new ExecutionApi(admin, null, nineDs);
    long id = exec.execute(job);
    exec.awaitEnd(id);
    return id;
  }

  private String page(String path, String username) throws Exception {
    return mvc.perform(get(path).with(user(username)))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }
}
