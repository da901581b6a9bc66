package dev.vigil.results.compare;

import static dev.vigil.results.compare.CompareContent.RULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.vigil.compliance.ScanComparison;
import dev.vigil.results.NewScan;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanOrigin;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SharedDatabaseReset;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the comparison system tests share: one application with the scheduler on, ARFs written by a
 * real oscap for the nine-results benchmark and a variant with one change of every kind (see {@link
 * CompareContent}), a ready package of the nine-results datastream and a reader (Auditor).
 */
@VigilSystemTest
abstract class CompareSystemTestBase {

  static final Map<String, String> EXPECTED =
      Map.of(
          RULE + "pass", "pass_to_fail",
          RULE + "fail", "fail_to_pass",
          RULE + "notselected", "new",
          RULE + "added", "new",
          RULE + "error", "gone",
          RULE + "unknown", "gone",
          RULE + "informational", "other");

  static final AtomicInteger NAMES = new AtomicInteger();
  static Path contentRoot;
  static Path nineDs;
  static Path beforeArf;
  static Path afterArf;
  static Path otherArf;

  /** The port of the application the reader and package were made in (one per context). */
  static String prepared;

  static long packageId;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired ResultService results;
  @Autowired ScanComparison comparison;
  ApiClient api;
  FleetApi fleet;

  /** Once for every subclass: the application keeps the first content root as its file root. */
  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    if (contentRoot != null) {
      return;
    }
    contentRoot = SystemTestContent.newFolder("vigil-compare");
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    beforeArf = eval(nineDs, "before");
    afterArf =
        eval(CompareContent.after(Files.createDirectories(contentRoot.resolve("a"))), "after");
    otherArf =
        eval(CompareContent.otherBenchmark(Files.createDirectories(contentRoot.resolve("o"))), "o");
  }

  static Path eval(Path checklist, String name) throws Exception {
    Path arf = checklist.resolveSibling(name + "-arf.xml");
    int exit = ScanFixtures.oscapEval(checklist, ScanFixtures.NINE_PROFILE, arf);
    assertThat(exit).as("oscap on " + checklist).isEqualTo(2);
    return arf;
  }

  @BeforeEach
  void setUp() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    fleet = new FleetApi(api);
    String current = port + "/" + SharedDatabaseReset.generation();
    if (!current.equals(prepared)) {
      TestUsers.create(api, "cmp-auditor", "cmp-auditor-pw-1", "Auditor");
      packageId = fleet.readyPackage("cmp-nine", nineDs);
      prepared = current;
    }
  }

  String status(long execution) {
    return api.get("/api/job-executions/" + execution)
        .json()
        .get("jobExecution")
        .get("status")
        .asString();
  }

  MockHttpServletResponse page(String path) throws Exception {
    return mvc.perform(get(path).with(user("cmp-auditor"))).andReturn().getResponse();
  }

  void awaitEnd(long execution) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> Set.of("complete", "failed", "cancelled").contains(status(execution)));
    assertThat(status(execution)).isEqualTo("complete");
  }

  long server() {
    return fleet.localServers("cmp" + NAMES.incrementAndGet(), 1).get(0);
  }

  /** Records the ARF as a scan of the server finished {@code minute} minutes after a base time. */
  long record(long serverId, Path arf, int minute, ScanOrigin origin) {
    try {
      ScanReport report = new ArfReader().read(arf);
      Instant end =
          origin.executionId() == null
              ? Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute)
              : Instant.now().plusSeconds(minute);
      return results
          .record(
              new NewScan(
                  serverId,
                  "server-" + serverId,
                  packageId,
                  "cmp-nine",
                  null,
                  arf.getFileName().toString(),
                  report.profileId(),
                  report,
                  arf,
                  null,
                  "1.3.7",
                  end.minusSeconds(30),
                  end,
                  "admin",
                  origin))
          .id();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
