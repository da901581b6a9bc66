package dev.vigil.executions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A target that misbehaves after the login, over a real loopback sshd: its {@code oscap} (a wrapper
 * first on root's PATH) fails every scan with {@code ESC]0;x BEL} on stderr, and its SSH banner
 * holds the same sequence. The first failed scan pins the host key; a changed key is then refused,
 * its reason said once; the terminal sequence reaches the stored reason, the page and the log only
 * escaped.
 */
@VigilSystemTest
@ExtendWith(OutputCaptureExtension.class)
class HostileTargetSystemTest {

  private static final String ESCAPED = "\\x1b]0;x\\x07";
  private static final Path contentRoot = SystemTestContent.newFolder("vigil-hostile-content");
  private static final Path bin = tempDir("vigil-hostile-bin");
  private static SshdHarness sshd;
  private static Path nineDs;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  ApiClient api;
  ExecutionApi make;

  @BeforeAll
  static void startTarget() throws Exception {
    ScanFixtures.requireScanning();
    nineDs = ScanFixtures.nineResultsDatastream(contentRoot);
    Path oscap = bin.resolve("oscap");
    Files.writeString(
        oscap,
        "#!/bin/sh\n"
            + "if [ \"$1\" = xccdf ]; then\n"
            + "  printf 'hostile oscap: \\033]0;x\\007 refuses to scan\\n' >&2\n"
            + "  exit 1\n"
            + "fi\n"
            + "exec /usr/bin/oscap \"$@\"\n");
    Files.setPosixFilePermissions(oscap, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path banner = bin.resolve("banner");
    Files.writeString(banner, "hostile banner \u001b]0;x\u0007 welcome\n");
    sshd =
        SshdHarness.startWithConfig(
            List.of(
                "Banner " + banner,
                "Match User root",
                "  SetEnv PATH="
                    + bin
                    + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    sshd.authorize("root");
  }

  @AfterAll
  static void stopTarget() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
    ScanFixtures.run("rm", "-rf", "--", bin.toString(), contentRoot.toString());
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    make = new ExecutionApi(api, sshd, nineDs);
  }

  @Test
  void aScanThatFailsAfterLoginPinsTheKeyAndTheTargetsTextStaysInert(CapturedOutput log)
      throws Exception {
    long pkg = make.readyPackage("nine-hostile");
    long server = make.sshServer("hostile");
    assertThat(server(server).get("hostKeyFingerprint").isNull()).isTrue();
    String first = sshd.hostKeyFingerprint();

    long execution = make.execute(make.job("hostile-first", pkg, List.of(server), 1));
    JsonNode failed = event(make.awaitEnd(execution), "hostile");
    assertThat(failed.get("failureCode").asString()).isEqualTo("scanner-failed");
    assertThat(server(server).get("hostKeyFingerprint").asString())
        .as("pinned by the scan that logged in and then failed")
        .isEqualTo(first);

    String reason = failed.get("error").asString();
    assertThat(reason).contains("hostile oscap: " + ESCAPED + " refuses to scan");
    assertInert(reason);
    String page = Pages.html(mvc, "/provisioning/jobs/executions/" + execution, "admin");
    assertThat(page).contains("hostile oscap: " + ESCAPED + " refuses to scan");
    assertInert(page);
    assertThat(log.getAll()).contains("hostile oscap: " + ESCAPED);
    assertInert(log.getAll());

    sshd.restartWithNewHostKey();
    String second = sshd.hostKeyFingerprint();
    String mismatch = "host key mismatch: expected " + first + ", got " + second;
    ApiClient.Response test = api.post("/api/servers/" + server + "/test-connection", "");
    assertThat(test.json().get("connection").get("error").asString()).isEqualTo(mismatch);

    long again = make.execute(make.job("hostile-again", pkg, List.of(server), 1));
    JsonNode refused = event(make.awaitEnd(again), "hostile");
    assertThat(refused.get("failureCode").asString()).isEqualTo("host-key-mismatch");
    assertThat(refused.get("error").asString()).isEqualTo(mismatch);
    JsonNode s = server(server);
    assertThat(s.get("hostKeyFingerprint").asString()).isEqualTo(first);
    assertThat(s.get("pendingHostKey").asString()).isEqualTo(second);
    assertInert(log.getAll());
  }

  @Test
  void aConnectionTestPinsAtLoginAndQuotesTheTargetInert() {
    long server = make.sshServer("hostile-tested");
    ApiClient.Response test = api.post("/api/servers/" + server + "/test-connection", "");
    assertThat(test.status()).as(test.body()).isEqualTo(200);
    assertThat(test.json().get("connection").get("authenticated").asBoolean()).isTrue();
    assertThat(server(server).get("hostKeyFingerprint").asString())
        .isEqualTo(sshd.hostKeyFingerprint());
    assertInert(test.json().toString());
  }

  private JsonNode server(long id) {
    return api.get("/api/servers/" + id).json().get("server");
  }

  private static JsonNode event(JsonNode execution, String serverName) {
    for (JsonNode ev : execution.get("process").get("events")) {
      if (ev.get("displayName").asString().equals(serverName)) {
        return ev;
      }
    }
    throw new AssertionError("no target run of " + serverName + " in " + execution);
  }

  private static void assertInert(String text) {
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
