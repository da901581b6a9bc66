package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.assertSameReport;
import static dev.vigil.scanning.ScanTestSupport.request;
import static dev.vigil.scanning.ScanTestSupport.ssh;
import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's scans over real SSH and locally, each compared with oscap run directly. */
class ScanEngineSystemTest {

  private static final String SUDO_USER = "vigil-scan-sudo";
  private static final String PLAIN_USER = "vigil-scan-plain";
  private static final String PASSWORD = "scan-Pass-789";

  private static SshdHarness sshd;
  private static SshConnector connector;
  private static ScanEngine engine;
  private static Path nineDs;
  private static Path directNineArf;

  @TempDir static Path shared;
  private String workDir;

  @BeforeAll
  static void start() throws Exception {
    ScanFixtures.requireScanning();
    sshd = SshdHarness.start();
    sshd.authorize("root");
    sshd.authorize(SUDO_USER);
    sshd.authorize(PLAIN_USER);
    SshdHarness.ensureUser(SUDO_USER, true, PASSWORD);
    SshdHarness.ensureUser(PLAIN_USER, false, PASSWORD);
    connector = new SshConnector();
    engine = new ScanEngine(connector);
    nineDs = ScanFixtures.nineResultsDatastream(shared);
    directNineArf = shared.resolve("direct-nine-arf.xml");
    assertThat(ScanFixtures.oscapEval(nineDs, NINE_PROFILE, directNineArf)).isEqualTo(2);
  }

  @AfterAll
  static void stop() throws Exception {
    ScanTestSupport.closeAll(connector, sshd);
  }

  @BeforeEach
  void newWorkDir() {
    workDir = ScanTestSupport.newWorkDir();
  }

  @AfterEach
  void removeWorkDir() {
    ScanTestSupport.removeWorkDir(workDir);
  }

  @Test
  void scanAsRootWithKeyEqualsOscapRunDirectly() throws Exception {
    ScanOutcome outcome =
        scanNine(ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey())), false);

    ScanReport report = assertSameReport(outcome, directNineArf);
    assertThat(outcome.oscapExitCode()).isEqualTo(2);
    assertThat(outcome.oscapVersion()).startsWith("OpenSCAP command line tool (oscap) ");
    assertThat(outcome.hostKeyFingerprint()).isEqualTo(sshd.hostKeyFingerprint());
    assertThat(outcome.bytesUploaded()).isEqualTo(Files.size(nineDs));
    assertThat(outcome.finished()).isAfterOrEqualTo(outcome.started());
    assertThat(report.count(ResultType.PASS)).isEqualTo(1);
    assertThat(report.count(ResultType.FAIL)).isEqualTo(2);
    assertThat(report.identity()).isEqualTo("root");
    assertThat(ScanTestSupport.runDirsIn(workDir)).isZero();
    ScanTestSupport.deleteOutputs(outcome);
  }

  @Test
  void scanAsSudoUserWithPasswordEqualsOscapRunDirectly() throws Exception {
    ScanOutcome outcome = scanNine(ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD)), true);

    assertSameReport(outcome, directNineArf);
    assertThat(ScanTestSupport.runDirsIn(workDir)).isZero();
    ScanTestSupport.deleteOutputs(outcome);
  }

  @Test
  void scanAsRootWithPassphraseProtectedKey() throws Exception {
    String key = sshd.userKeyWithPassphrase("key-Phrase-1");
    SshSecret secret = new SshSecret.PrivateKey(key, "key-Phrase-1");

    ScanOutcome outcome = scanNine(ssh(sshd, "root", secret), false);

    assertSameReport(outcome, directNineArf);
    ScanTestSupport.deleteOutputs(outcome);
  }

  @Test
  void userWithoutSudoFailsWithPrivilegeMissing() throws Exception {
    TargetConnection plain = ssh(sshd, PLAIN_USER, new SshSecret.Password(PASSWORD));
    for (boolean sudo : new boolean[] {true, false}) {
      assertThatThrownBy(() -> scanNine(plain, sudo))
          .isInstanceOfSatisfying(
              ScanFailure.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.PRIVILEGE_MISSING))
          .hasMessageContaining("needs root or passwordless sudo");
    }
    assertThat(ScanTestSupport.runDirsIn(workDir)).isZero();
  }

  @Test
  void ssgDebian11StandardProfileIsNotApplicableHere() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.readString(Path.of("/etc/debian_version")).startsWith("11"), "this is Debian 11");
    Path ds = ScanFixtures.SSG_DEBIAN11;
    ScanRequest request =
        new ScanRequest(
            "ssg-target",
            ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey())),
            false,
            ds,
            ScanFixtures.sha256(ds),
            "scap_org.open-scap_datastream_from_xccdf_ssg-debian11-xccdf.xml",
            "scap_org.open-scap_cref_ssg-debian11-xccdf.xml",
            null,
            ScanFixtures.SSG_STANDARD,
            ScanTestSupport.SCAN,
            workDir);
    Path directArf = shared.resolve("direct-ssg-arf.xml");
    assertThat(ScanFixtures.oscapEval(ds, ScanFixtures.SSG_STANDARD, directArf)).isZero();

    ScanOutcome outcome = engine.scan(request, new ScanControl());

    ScanReport report = assertSameReport(outcome, directArf);
    assertThat(outcome.oscapExitCode()).isZero();
    assertThat(report.notApplicable()).isTrue();
    assertThat(report.summary()).isEqualTo(ScanReport.NOT_APPLICABLE_SUMMARY);
    ScanTestSupport.deleteOutputs(outcome);
  }

  @Test
  void localScanEqualsOscapRunDirectly() throws Exception {
    ScanOutcome outcome = scanNine(TargetConnection.local(), false);

    assertSameReport(outcome, directNineArf);
    assertThat(outcome.bytesUploaded()).isZero();
    assertThat(outcome.hostKeyFingerprint()).isNull();
    assertThat(ScanTestSupport.runDirsIn(workDir)).isZero();
    ScanTestSupport.deleteOutputs(outcome);
  }

  @Test
  void localScanOfAPlainXccdfBenchmarkWithItsSiblingFiles(@TempDir Path dir) throws Exception {
    Path xccdf = ScanFixtures.nineResultsXccdf(dir);
    ScanRequest request =
        new ScanRequest(
            "localhost",
            TargetConnection.local(),
            false,
            xccdf,
            ScanFixtures.sha256(xccdf),
            null,
            null,
            ScanFixtures.NINE_BENCHMARK,
            NINE_PROFILE,
            ScanTestSupport.SCAN,
            workDir);

    ScanOutcome outcome = engine.scan(request, new ScanControl());

    assertSameReport(outcome, directNineArf);
    ScanTestSupport.deleteOutputs(outcome);
  }

  @Test
  void refusesAPlainXccdfBenchmarkOverSsh(@TempDir Path dir) throws Exception {
    Path xccdf = ScanFixtures.nineResultsXccdf(dir);
    ScanRequest request =
        new ScanRequest(
            "t",
            ssh(sshd, "root", new SshSecret.PrivateKey(sshd.userKey())),
            false,
            xccdf,
            ScanFixtures.sha256(xccdf),
            null,
            null,
            ScanFixtures.NINE_BENCHMARK,
            NINE_PROFILE,
            null,
            workDir);
    ScanControl control = new ScanControl();

    assertThatThrownBy(() -> engine.scan(request, control))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("datastream");
    assertThat(control.phase()).isEqualTo(ScanPhase.PENDING);
  }

  private ScanOutcome scanNine(TargetConnection connection, boolean sudo) throws Exception {
    ScanControl control = new ScanControl();
    ScanOutcome outcome =
        engine.scan(request(connection, sudo, nineDs, NINE_PROFILE, workDir), control);
    assertThat(control.phase()).isEqualTo(ScanPhase.FINISHED);
    assertThat(control.rulesEvaluated())
        .as("oscap's progress counts every rule result but the not selected one")
        .isEqualTo(8)
        .isEqualTo(evaluatedRules(outcome));
    return outcome;
  }

  private static int evaluatedRules(ScanOutcome outcome) throws Exception {
    return new ArfReader()
        .read(outcome.arfFile()).ruleResults().stream()
            .filter(r -> r.result() != ResultType.NOTSELECTED)
            .mapToInt(r -> 1)
            .sum();
  }
}
