package dev.vigil.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's first command, {@code scripts/start.sh}, run as a new user would, in a fresh data
 * directory on its own port, after the build made the jar (this runs in Maven's integration-test
 * phase): it ends with a completed first scan of this host, visible through the REST API, and
 * prints its summary and how to log in.
 */
class QuickstartIT {

  @TempDir Path data;

  @Test
  void theFirstCommandEndsWithACompletedScanOfThisHost() throws Exception {
    ScanFixtures.requireScanning();
    SshdHarness.requireThat(
        Files.isExecutable(Path.of("/usr/bin/curl")), "the start script needs curl");
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder("bash", "../scripts/start.sh").redirectErrorStream(true);
    pb.environment().put("VIGIL_PORT", Integer.toString(port));
    pb.environment().put("VIGIL_DATA_DIR", data.toString());
    pb.environment().put("VIGIL_ADMIN_PASSWORD", "quickstart-admin-pw");
    pb.environment().put("VIGIL_FIRST_SCAN_WAIT", "600");
    // the upstream SSG release on a closed loopback port: nothing leaves 127.0.0.0/8
    pb.environment()
        .put(
            "VIGIL_QUICKSTART_UPSTREAM_URL",
            "http://127.0.0.1:" + freePort() + "/scap-security-guide-0.1.82.zip");
    Process script = pb.start();
    String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.waitFor(15, TimeUnit.MINUTES)).isTrue();
    Long pid = null;
    try {
      Matcher m = Pattern.compile("Stop it with: kill (\\d+)").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      pid = Long.parseLong(m.group(1));
      assertThat(script.exitValue()).as(out).isZero();
      assertThat(out).contains("First scan: server ").contains("http://localhost:" + port + "/");
      if (!Files.exists(Path.of("/usr/share/xml/scap/ssg/content/" + hostDatastream()))) {
        assertThat(out)
            .as(out)
            .contains("content: bundled Vigil baseline: upstream fetch failed: address 127.0.0.1");
      }

      ApiClient api = new ApiClient(port).login("admin", "quickstart-admin-pw");
      JsonNode executions = api.get("/api/job-executions").json();
      assertThat(executions.get("meta").get("total").asInt()).as(out).isEqualTo(1);
      assertThat(executions.get("jobExecutions").get(0).get("status").asString())
          .as(executions.toString())
          .isEqualTo("complete");
      JsonNode scans = api.get("/api/security-scans").json();
      assertThat(scans.get("meta").get("total").asInt()).isEqualTo(1);
      JsonNode scan = scans.get("securityScans").get(0);
      assertThat(scan.get("status").asString()).isEqualTo("complete");
      assertThat(scan.get("runCount").asInt()).isPositive();
      assertThat(scan.get("passCount").asInt() + scan.get("failCount").asInt()).isPositive();
      JsonNode server = api.get("/api/servers/" + scan.get("server").get("id").asLong()).json();
      assertThat(server.get("server").get("connectionType").asString()).isEqualTo("local");
      assertThat(out)
          .contains("security scan " + scan.get("id").asLong() + ": pass")
          .contains("Log in as 'admin'");
    } finally {
      if (pid != null) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        ProcessHandle.of(pid)
            .ifPresent(
                h -> h.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> h).join());
      }
    }
  }

  /** The SSG datastream name of this host's OS, as the first scan looks for it. */
  private static String hostDatastream() {
    var names =
        FirstScanContent.datastreamNames(FirstScanContent.osRelease(Path.of("/etc/os-release")));
    return names.isEmpty() ? "none" : names.get(0);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
