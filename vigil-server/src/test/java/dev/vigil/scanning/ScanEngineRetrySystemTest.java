package dev.vigil.scanning;

import static dev.vigil.scanning.ScanTestSupport.request;
import static dev.vigil.scanning.ScanTestSupport.ssh;
import static dev.vigil.testsupport.ScanFixtures.NINE_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SshdHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A retried target run: the attempt before it died mid-scan (its node killed), leaving its tagged
 * run directory and its oscap process group on the target. A scan with the same run tag kills that
 * group and removes that directory first, and touches nothing that is not exactly such a leftover.
 */
class ScanEngineRetrySystemTest {

  private static final String SUDO_USER = "vigil-scan-sudo";
  private static final String PASSWORD = "scan-Pass-789";

  private static SshdHarness sshd;
  private static SshConnector connector;
  private static ScanEngine engine;
  private static Path nineDs;

  @TempDir static Path shared;
  private final List<Long> groups = new ArrayList<>();
  private String workDir;
  private String tag;

  @BeforeAll
  static void start() throws Exception {
    ScanFixtures.requireScanning();
    sshd = SshdHarness.start();
    sshd.authorize(SUDO_USER);
    SshdHarness.ensureUser(SUDO_USER, true, PASSWORD);
    connector = new SshConnector();
    engine = new ScanEngine(connector);
    nineDs = ScanFixtures.nineResultsDatastream(shared);
  }

  @AfterAll
  static void stop() throws Exception {
    ScanTestSupport.closeAll(connector, sshd);
  }

  @BeforeEach
  void newWorkDir() {
    workDir = ScanTestSupport.newWorkDir();
    tag = "tr" + ThreadLocalRandom.current().nextInt(1, 1_000_000);
  }

  @AfterEach
  void killGroupsAndRemoveWorkDir() {
    groups.forEach(g -> ScanFixtures.exitCode("kill", "-s", "KILL", "--", "-" + g));
    ScanTestSupport.removeWorkDir(workDir);
  }

  static Stream<String> targets() {
    return Stream.of("sudo", "local");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aRetryKillsAndRemovesWhatTheDeadAttemptLeftAndNothingElse(String target) throws Exception {
    String owner = target.equals("sudo") ? SUDO_USER : "root";
    Path dead = leftover("vigil-run." + tag + ".Dead0001", owner);
    long deadGroup = startGroupIn(dead);
    Files.writeString(dead.resolve(OscapCommand.ARF), "<partial");
    Path other = leftover("vigil-run." + tag + "0.Live0001", owner);
    long otherGroup = startGroupIn(other);
    ScanRequest untagged = request(connection(target), true, nineDs, NINE_PROFILE, workDir);

    assertScanned(untagged);
    assertThat(dead).as("an untagged scan leaves tagged runs alone").isDirectory();
    assertThat(groupAlive(deadGroup)).isTrue();

    assertScanned(untagged.withRunTag(tag));

    assertThat(dead).doesNotExist();
    assertThat(groupAlive(deadGroup)).as("the dead attempt's oscap group").isFalse();
    assertThat(namesIn(workDir)).noneMatch(n -> n.startsWith("vigil-run." + tag + "."));
    assertThat(other.resolve(OscapCommand.PGID_FILE)).as("another run's directory").exists();
    assertThat(groupAlive(otherGroup)).as("another run's group").isTrue();
  }

  @Test
  void takesOnlyRealDirectoriesOfTheLoginUserAndKillsOnlyGroupsWorkingInThem() throws Exception {
    Path victim = leftover("victim", SUDO_USER);
    long victimGroup = startGroupIn(victim);
    Path link =
        Files.createSymbolicLink(Path.of(workDir, "vigil-run." + tag + ".SymLink1"), victim);
    ScanFixtures.run("chown", "-h", SUDO_USER, link.toString());
    Path foreign = leftover("vigil-run." + tag + ".Foreign1", "root");
    long foreignGroup = startGroupIn(foreign);
    Path elsewhere = leftover("elsewhere", SUDO_USER);
    long unrelatedGroup = startGroupIn(elsewhere);
    Path reused = leftover("vigil-run." + tag + ".Reused01", SUDO_USER);
    Files.writeString(reused.resolve(OscapCommand.PGID_FILE), unrelatedGroup + "\n");
    TargetConnection sudoUser = ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD));

    assertScanned(request(sudoUser, true, nineDs, NINE_PROFILE, workDir).withRunTag(tag));

    assertThat(Files.isSymbolicLink(link)).as("the symlink is left as it is").isTrue();
    assertThat(victim.resolve(OscapCommand.PGID_FILE)).as("not followed").exists();
    assertThat(groupAlive(victimGroup)).isTrue();
    assertThat(foreign.resolve(OscapCommand.PGID_FILE)).as("another user's directory").exists();
    assertThat(groupAlive(foreignGroup)).isTrue();
    assertThat(reused).as("a leftover whose group id was reused").doesNotExist();
    assertThat(groupAlive(unrelatedGroup)).as("a group working elsewhere").isTrue();
  }

  private void assertScanned(ScanRequest request) throws Exception {
    ScanControl control = new ScanControl();
    ScanOutcome outcome = engine.scan(request, control);
    assertThat(outcome.oscapExitCode()).isEqualTo(2);
    assertThat(control.rulesEvaluated()).isEqualTo(8);
    ScanTestSupport.deleteOutputs(outcome);
  }

  /** A directory in the work dir owned by {@code owner}, mode 0700, as mktemp makes it. */
  private Path leftover(String name, String owner) {
    Path dir = Path.of(workDir, name);
    ScanFixtures.run("install", "-d", "-m", "700", "-o", owner, dir.toString());
    return dir;
  }

  /**
   * Starts a root process group of two processes (a shell and its {@code sleep}) in its own
   * session, working in {@code dir}, detached from this JVM like a scan whose node died; its leader
   * writes the group id into {@code oscap.pgid} there, as the scan command does.
   */
  private long startGroupIn(Path dir) throws Exception {
    String group =
        "cd \"$1\" || exit 1; echo $$ > " + OscapCommand.PGID_FILE + "; sleep 600 & wait";
    ScanFixtures.run(
        "sh",
        "-c",
        "setsid sh -c " + Shell.quote(group) + " vigil-dead \"$1\" >/dev/null 2>&1 </dev/null &",
        "vigil-start",
        dir.toString());
    Path pgidFile = dir.resolve(OscapCommand.PGID_FILE);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(pgidFile) && !Files.readString(pgidFile).isBlank());
    long pgid = Long.parseLong(Files.readString(pgidFile).strip());
    groups.add(pgid);
    await().atMost(Duration.ofSeconds(10)).until(() -> groupMembers(pgid) == 2);
    return pgid;
  }

  /** Whether a process of the group is alive (a zombie waiting for its reaper is not). */
  private static boolean groupAlive(long pgid) throws IOException {
    return groupMembers(pgid) > 0;
  }

  private static int groupMembers(long pgid) throws IOException {
    int members = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String stat;
        try {
          stat = Files.readString(proc.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (!fields[0].equals("Z") && fields[2].equals(Long.toString(pgid))) {
          members++;
        }
      }
    }
    return members;
  }

  private static List<String> namesIn(String dir) throws IOException {
    try (var files = Files.list(Path.of(dir))) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  private static TargetConnection connection(String target) {
    return target.equals("sudo")
        ? ssh(sshd, SUDO_USER, new SshSecret.Password(PASSWORD))
        : TargetConnection.local();
  }
}
