package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.StatementLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * How many SQL statements starting, re-running and listing executions take, counted on the calling
 * thread: the same for 2 servers as for 30 (as servers or as members of 1 or 3 instances), and for
 * one listed execution as for all. The servers listen nowhere (a closed loopback port), so their
 * runs fail at once and cost no scan.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:querybounds;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.access.admin-password=bounds-admin-pw",
      "vigil.scheduler.polling-interval=200ms",
      "vigil.executions.connect-retries=0"
    })
@AutoConfigureMockMvc
class ExecutionQueryBoundsIntegrationTest {

  private static final Path contentRoot = tempDir();
  private static Path nineDs;

  @TestConfiguration
  static class Counting {
    @Bean
    static BeanPostProcessor statementLog() {
      return StatementLog.wrapping();
    }
  }

  @LocalServerPort int port;
  @Autowired ExecutionService executions;
  @Autowired MockMvc mvc;
  ApiClient api;
  ExecutionApi exec;

  @DynamicPropertySource
  static void roots(DynamicPropertyRegistry registry) {
    registry.add("vigil.packages.allowed-file-roots", () -> contentRoot.toString());
  }

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", "bounds-admin-pw");
    exec = new ExecutionApi(api, null, nineDs);
  }

  @Test
  void startingReRunningAndListingTakeAsManyStatementsForThirtyServersAsForTwo() throws Exception {
    long pkg = exec.readyPackage("bounds");
    int closed = closedPort();
    List<Long> two2 = unreachable("b2", 2, closed);
    List<Long> thirty30 = unreachable("b30", 30, closed);
    long small = exec.job("bounds-2", pkg, two2, 1);
    long large = exec.job("bounds-30", pkg, thirty30, 1);

    StatementLog.Recorded<JobExecution> two =
        StatementLog.record(() -> executions.execute(small, "api", null));
    StatementLog.Recorded<JobExecution> thirty =
        StatementLog.record(() -> executions.execute(large, "api", null));
    assertThat(thirty.result().total()).isEqualTo(30);
    assertThat(thirty.statements()).hasSameSizeAs(two.statements());
    assertThat(thirty.mentioning("from servers")).isEqualTo(1);
    assertThat(thirty.mentioning("insert into target_runs")).isEqualTo(1);

    exec.awaitEnd(two.result().id());
    exec.awaitEnd(thirty.result().id());
    StatementLog.Recorded<JobExecution> rerunTwo =
        StatementLog.record(() -> executions.rerun(two.result().id(), "api", null));
    StatementLog.Recorded<JobExecution> rerunThirty =
        StatementLog.record(() -> executions.rerun(thirty.result().id(), "api", null));
    assertThat(rerunThirty.result().total()).isEqualTo(30);
    assertThat(rerunThirty.statements()).hasSameSizeAs(rerunTwo.statements());
    assertThat(rerunThirty.mentioning("from servers")).isEqualTo(1);
    exec.awaitEnd(rerunTwo.result().id());
    exec.awaitEnd(rerunThirty.result().id());

    long oneInstance = instanceJob("bounds-i1", pkg, List.of(instance("i-small", two2)));
    long threeInstances =
        instanceJob(
            "bounds-i3",
            pkg,
            List.of(
                instance("i-a", thirty30.subList(0, 10)),
                instance("i-b", thirty30.subList(10, 20)),
                instance("i-c", thirty30.subList(20, 30))));
    StatementLog.Recorded<JobExecution> ofOne =
        StatementLog.record(() -> executions.execute(oneInstance, "api", null));
    StatementLog.Recorded<JobExecution> ofThree =
        StatementLog.record(() -> executions.execute(threeInstances, "api", null));
    assertThat(ofThree.result().total()).isEqualTo(30);
    assertThat(ofThree.statements()).hasSameSizeAs(ofOne.statements());
    assertThat(ofThree.mentioning("from instance_servers")).isEqualTo(1);
    assertThat(ofThree.mentioning("from servers")).isEqualTo(1);
    exec.awaitEnd(ofOne.result().id());
    exec.awaitEnd(ofThree.result().id());

    List<String> one = listed("/api/job-executions?max=1");
    List<String> all = listed("/api/job-executions?max=-1");
    assertThat(all).hasSameSizeAs(one);
    assertThat(all).noneMatch(sql -> sql.contains("target_runs"));
    List<String> page = listed("/provisioning/jobs/executions");
    assertThat(page).noneMatch(sql -> sql.contains("target_runs"));
    assertThat(
            api.get("/api/job-executions?max=-1")
                .json()
                .get("jobExecutions")
                .get(0)
                .get("process")
                .has("events"))
        .as("list items carry no per-run events")
        .isFalse();
    assertThat(
            api.get("/api/job-executions/" + rerunThirty.result().id())
                .json()
                .get("jobExecution")
                .get("process")
                .get("events"))
        .as("the detail keeps them")
        .hasSize(30);
  }

  private List<String> listed(String path) {
    return StatementLog.record(
        () -> {
          try {
            mvc.perform(get(path).with(user("admin"))).andExpect(status().isOk());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private long instance(String name, List<Long> members) {
    String servers =
        members.stream()
            .map(id -> "{\"id\":" + id + "}")
            .collect(java.util.stream.Collectors.joining(","));
    ApiClient.Response r =
        api.post(
            "/api/instances",
            "{\"instance\":{\"name\":\"" + name + "\",\"servers\":[" + servers + "]}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("instance").get("id").asLong();
  }

  private long instanceJob(String name, long pkg, List<Long> instances) {
    String targets =
        instances.stream()
            .map(id -> "{\"refId\":" + id + "}")
            .collect(java.util.stream.Collectors.joining(","));
    ApiClient.Response r =
        api.post(
            "/api/jobs",
            "{\"job\":{\"targetType\":\"instance\",\"targets\":["
                + targets
                + "],\"securityPackage\":{\"id\":"
                + pkg
                + "},\"scanPath\":"
                + ApiClient.quote(nineDs.getFileName().toString())
                + ",\"securityProfile\":"
                + ApiClient.quote(ScanFixtures.NINE_PROFILE)
                + ",\"name\":\""
                + name
                + "\",\"scheduleMode\":\"manual\",\"maxParallel\":1}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("job").get("id").asLong();
  }

  /** {@code n} servers over SSH at a loopback port nothing listens on. */
  private List<Long> unreachable(String prefix, int n, int closedPort) {
    long cred =
        api.post(
                "/api/credentials",
                "{\"credential\":{\"name\":\"cred-"
                    + prefix
                    + "\",\"type\":\"username-password\",\"username\":\"root\","
                    + "\"password\":\"not-used-1\"}}")
            .json()
            .get("credential")
            .get("id")
            .asLong();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ApiClient.Response r =
          api.post(
              "/api/servers",
              "{\"server\":{\"name\":\""
                  + prefix
                  + "-"
                  + i
                  + "\",\"sshHost\":\"127.0.0.1\",\"sshPort\":"
                  + closedPort
                  + ",\"credential\":{\"id\":"
                  + cred
                  + "},\"privilegeMode\":\"root\",\"connectionType\":\"ssh\"}}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      ids.add(r.json().get("server").get("id").asLong());
    }
    return ids;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-query-bounds");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
