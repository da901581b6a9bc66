package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;

/** Requests, work directories and comparisons shared by the scan engine's system tests. */
final class ScanTestSupport {

  static final Duration CONNECT = Duration.ofSeconds(10);
  static final Duration SCAN = Duration.ofMinutes(5);

  private ScanTestSupport() {}

  static TargetConnection ssh(SshdHarness sshd, String user, SshSecret secret) {
    return TargetConnection.ssh(
        new SshTarget(sshd.host(), sshd.port(), user, secret, null), CONNECT);
  }

  static ScanRequest request(
      TargetConnection connection, boolean sudo, Path checklist, String profile, String workDir)
      throws IOException {
    return request(connection, sudo, checklist, profile, workDir, SCAN);
  }

  static ScanRequest request(
      TargetConnection connection,
      boolean sudo,
      Path checklist,
      String profile,
      String workDir,
      Duration timeout)
      throws IOException {
    return new ScanRequest(
        "test-target",
        connection,
        sudo,
        checklist,
        ScanFixtures.sha256(checklist),
        null,
        null,
        null,
        profile,
        timeout,
        workDir);
  }

  /** A fresh work directory every user may write to, like /var/tmp (mode 1777). */
  static String newWorkDir() {
    String dir = "/var/tmp/vigil-engine-test-" + UUID.randomUUID();
    ScanFixtures.run("install", "-d", "-m", "1777", dir);
    return dir;
  }

  /** Closes each part that was opened, in order, as the test classes do after all their tests. */
  static void closeAll(AutoCloseable... parts) throws Exception {
    for (AutoCloseable part : parts) {
      if (part != null) {
        part.close();
      }
    }
  }

  static void removeWorkDir(String dir) {
    ScanFixtures.run("rm", "-rf", "--", dir);
  }

  /** The run directories left in {@code workDir}. */
  static long runDirsIn(String workDir) throws IOException {
    try (var files = Files.list(Path.of(workDir))) {
      return files.filter(f -> f.getFileName().toString().startsWith("vigil-run.")).count();
    }
  }

  /** Processes whose command line mentions {@code text} (such as a run's work directory). */
  static int processesMentioning(String text) {
    String pids =
        ScanFixtures.exitCode("pgrep", "-f", "--", text) == 0
            ? ScanFixtures.run("pgrep", "-f", "--", text)
            : "";
    return (int) pids.lines().filter(l -> !l.isBlank()).count();
  }

  /** Rule by rule, in counts and in scores, the engine's ARF says what oscap's own run said. */
  static ScanReport assertSameReport(ScanOutcome outcome, Path directArf) throws Exception {
    ArfReader reader = new ArfReader();
    ScanReport engine = reader.read(outcome.arfFile());
    ScanReport direct = reader.read(directArf);
    assertThat(rules(engine)).isNotEmpty().containsExactlyEntriesOf(rules(direct));
    assertThat(engine.counts()).isEqualTo(direct.counts());
    assertThat(engine.scores()).isNotEmpty().isEqualTo(direct.scores());
    assertThat(engine.notApplicable()).isEqualTo(direct.notApplicable());
    assertThat(Files.readString(outcome.reportHtml())).contains("<html");
    return engine;
  }

  static void deleteOutputs(ScanOutcome outcome) throws IOException {
    Files.deleteIfExists(outcome.arfFile());
    Files.deleteIfExists(outcome.reportHtml());
  }

  private static Map<String, String> rules(ScanReport report) {
    Map<String, String> rules = new LinkedHashMap<>();
    report.ruleResults().forEach(r -> rules.put(r.ruleId(), r.result().xccdf()));
    return rules;
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      ScanCall call, FailureReason reason) {
    return assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ScanFailure.class, f -> assertThat(f.reason()).isEqualTo(reason));
  }

  static ScanFailure failureOf(ScanCall call) {
    try {
      call.run();
      return null;
    } catch (Exception e) {
      return e instanceof ScanFailure f
          ? f
          : new ScanFailure(FailureReason.SCANNER_FAILED, e.toString(), e);
    }
  }

  @FunctionalInterface
  interface ScanCall {
    void run() throws Exception;
  }
}
