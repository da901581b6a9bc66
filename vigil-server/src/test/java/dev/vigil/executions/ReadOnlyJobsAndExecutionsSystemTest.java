package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.PageSessions;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A user with Security: Scanning read (the built-in Auditor) looks at jobs and executions, pages
 * and API, but every change is refused with 403 and the pages show no control to make one; the same
 * pages show those controls to a user with full access.
 */
@VigilSystemTest
class ReadOnlyJobsAndExecutionsSystemTest {

  private static final String JOBS = "/provisioning/jobs";
  private static final String EXECUTIONS = "/provisioning/jobs/executions";
  private static Path contentRoot;
  private static Path nineDs;
  private static Path slowDs;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    contentRoot = SystemTestContent.newFolder("vigil-read-only");
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    slowDs =
        ScanFixtures.slowDatastream(contentRoot, 400 + ThreadLocalRandom.current().nextInt(500));
  }

  @Test
  void anAuditorSeesJobsAndExecutionsButNoControlsAndEveryChangeIs403() throws Exception {
    ApiClient admin = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    TestUsers.create(admin, "ro-auditor", "ro-auditor-pw-1", "Auditor");
    ApiClient auditor = new ApiClient(port).login("ro-auditor", "ro-auditor-pw-1");
    ExecutionApi exec = new ExecutionApi(admin, null, nineDs);
    AcceptTargets make = new AcceptTargets(admin);
    long failingJob =
        make.nineJob(
            "ro-failing",
            make.filePackage("ro-nine", nineDs),
            nineDs.getFileName().toString(),
            List.of(refusedServer(make)),
            1);
    long failed = exec.execute(failingJob);
    assertThat(exec.awaitEnd(failed).get("status").asString()).isEqualTo("failed");
    long slowJob =
        make.job(
            "ro-slow",
            make.filePackage("ro-slow", slowDs),
            slowDs.getFileName().toString(),
            ScanFixtures.SLOW_PROFILE,
            List.of(exec.localServer("ro-local")),
            1);
    long running = exec.execute(slowJob);
    try {
      MockHttpSession ro = PageSessions.login(mvc, "ro-auditor", "ro-auditor-pw-1");
      MockHttpSession full = PageSessions.login(mvc, "admin", VigilSystemTest.ADMIN_PASSWORD);
      assertPagesShowControlsOnlyToFullAccess(ro, full, failingJob, failed, running);
      assertApiRefusesEveryChange(auditor, failingJob, failed, running);
      assertPagePostsRefuseEveryChange(ro, failingJob, failed, running);
      assertNothingChanged(admin, failingJob, slowJob, running);
    } finally {
      admin.put("/api/job-executions/" + running + "/cancel", "{}");
      exec.awaitEnd(running);
    }
  }

  private void assertPagesShowControlsOnlyToFullAccess(
      MockHttpSession ro, MockHttpSession full, long job, long failed, long running)
      throws Exception {
    String jobPage = JOBS + "/" + job;
    List<String> listControls =
        List.of("id=\"add-job\"", "+ ADD", "href=\"/provisioning/jobs/new\"");
    List<String> jobControls =
        List.of(
            "id=\"edit-job\"",
            "id=\"delete-job\"",
            "id=\"execute-job\"",
            "id=\"disable-job\"",
            "action=\"" + jobPage + "/execute\"",
            "action=\"" + jobPage + "/delete\"",
            "href=\"" + jobPage + "/edit\"");
    List<String> rerunControls =
        List.of("id=\"rerun-execution\"", "action=\"" + EXECUTIONS + "/" + failed + "/rerun\"");
    List<String> cancelControls =
        List.of("id=\"cancel-execution\"", "action=\"" + EXECUTIONS + "/" + running + "/cancel\"");
    assertShownOnlyToFull(ro, full, JOBS, listControls, "ro-failing", "ro-slow");
    assertShownOnlyToFull(ro, full, jobPage, jobControls, "ro-failing", "Security Scan Job");
    assertShownOnlyToFull(ro, full, EXECUTIONS + "/" + failed, rerunControls, "unreachable");
    assertShownOnlyToFull(ro, full, EXECUTIONS + "/" + running, cancelControls, "ro-local");
    String list = html(ro, EXECUTIONS);
    assertThat(list).contains("ro-failing", "ro-slow", "failed", "running");
    assertThat(list)
        .doesNotContain(
            "/rerun", "/cancel", "id=\"add-job\"", "method=\"post\" action=\"/provisioning/jobs");
  }

  private void assertShownOnlyToFull(
      MockHttpSession ro, MockHttpSession full, String path, List<String> controls, String... seen)
      throws Exception {
    String asReader = html(ro, path);
    String asWriter = html(full, path);
    assertThat(asReader).as(path + " for the auditor").contains(seen);
    for (String control : controls) {
      assertThat(asWriter).as(path + " for admin").contains(control);
      assertThat(asReader).as(path + " for the auditor").doesNotContain(control);
    }
  }

  private static void assertApiRefusesEveryChange(
      ApiClient auditor, long job, long failed, long running) {
    assertThat(auditor.get("/api/jobs").status()).isEqualTo(200);
    assertThat(auditor.get("/api/jobs/" + job).status()).isEqualTo(200);
    assertThat(auditor.get("/api/job-executions").status()).isEqualTo(200);
    assertThat(auditor.get("/api/job-executions/" + failed).status()).isEqualTo(200);
    String body =
        "{\"job\":{\"name\":\"ro-new\",\"targetType\":\"server\",\"targets\":[],"
            + "\"scheduleMode\":\"manual\"}}";
    List<ApiClient.Response> refused =
        List.of(
            auditor.post("/api/jobs", body),
            auditor.put("/api/jobs/" + job, "{\"job\":{\"name\":\"ro-renamed\"}}"),
            auditor.put("/api/jobs/" + job + "/execute", "{}"),
            auditor.put("/api/job-executions/" + running + "/cancel", "{}"),
            auditor.put("/api/job-executions/" + failed + "/rerun", "{}"),
            auditor.delete("/api/jobs/" + job));
    for (ApiClient.Response r : refused) {
      assertThat(r.status()).as(r.body()).isEqualTo(403);
    }
  }

  private void assertPagePostsRefuseEveryChange(
      MockHttpSession ro, long job, long failed, long running) throws Exception {
    List<MockHttpServletRequestBuilder> refused =
        List.of(
            get(JOBS + "/new"),
            post(JOBS).param("name", "ro-new"),
            get(JOBS + "/" + job + "/edit"),
            post(JOBS + "/" + job).param("name", "ro-renamed"),
            post(JOBS + "/" + job + "/execute"),
            post(JOBS + "/" + job + "/disable"),
            post(JOBS + "/" + job + "/delete"),
            post(EXECUTIONS + "/" + running + "/cancel"),
            post(EXECUTIONS + "/" + failed + "/rerun"));
    for (MockHttpServletRequestBuilder request : refused) {
      MockHttpServletResponse r =
          mvc.perform(request.session(ro).with(csrf())).andReturn().getResponse();
      assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(403);
    }
  }

  private static void assertNothingChanged(ApiClient admin, long job, long slowJob, long running) {
    var j = admin.get("/api/jobs/" + job).json().get("job");
    assertThat(j.get("name").asString()).isEqualTo("ro-failing");
    assertThat(j.get("enabled").asBoolean()).isTrue();
    assertThat(admin.get("/api/jobs").json().get("meta").get("total").asInt()).isEqualTo(2);
    assertThat(admin.get("/api/job-executions").json().get("meta").get("total").asInt())
        .isEqualTo(2);
    assertThat(
            admin
                .get("/api/job-executions/" + running)
                .json()
                .get("jobExecution")
                .get("status")
                .asString())
        .isIn("queued", "running");
    assertThat(admin.get("/api/jobs/" + slowJob).status()).isEqualTo(200);
  }

  private String html(MockHttpSession session, String path) throws Exception {
    MockHttpServletResponse r = mvc.perform(get(path).session(session)).andReturn().getResponse();
    assertThat(r.getStatus()).as(path).isEqualTo(200);
    return r.getContentAsString();
  }

  /** A server whose SSH port refuses connections, so its run fails at once. */
  private static long refusedServer(AcceptTargets make) {
    long cred =
        make.create(
            "/api/credentials",
            "{\"credential\":{\"name\":\"ro-pw\",\"type\":\"username-password\","
                + "\"username\":\"root\",\"password\":\"not-used-1\"}}",
            "credential");
    return make.create(
        "/api/servers",
        "{\"server\":{\"name\":\"ro-refused\",\"sshHost\":\"127.0.0.1\",\"sshPort\":1,"
            + "\"credential\":{\"id\":"
            + cred
            + "},\"privilegeMode\":\"root\",\"connectionType\":\"ssh\"}}",
        "server");
  }
}
