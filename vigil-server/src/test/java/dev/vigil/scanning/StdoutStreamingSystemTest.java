package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.SshdHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A command's stdout reaches a line listener while it runs, over SSH and locally. */
class StdoutStreamingSystemTest {

  private static final Duration COMMAND = Duration.ofSeconds(60);

  private static SshdHarness sshd;
  private static SshConnector connector;

  @BeforeAll
  static void start() throws Exception {
    sshd = SshdHarness.start();
    sshd.authorize("root");
    connector = new SshConnector();
  }

  @AfterAll
  static void stop() throws Exception {
    ScanTestSupport.closeAll(connector, sshd);
  }

  static Stream<String> shells() {
    return Stream.of("ssh", "local");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void handsEachLineOverWhileTheCommandStillRuns(String kind, @TempDir Path dir) throws Exception {
    Path go = dir.resolve("go");
    String command =
        "echo first; printf 'crlf\\r\\n'; while [ ! -e "
            + Shell.quote(go.toString())
            + " ]; do sleep 0.05; done; head -c 5000 /dev/zero | tr '\\0' a; echo;"
            + " echo err >&2; printf last";
    List<String> lines = new CopyOnWriteArrayList<>();
    try (TargetShell shell = open(kind)) {
      CompletableFuture<ExecResult> run =
          CompletableFuture.supplyAsync(() -> exec(shell, command, lines::add));

      await().atMost(Duration.ofSeconds(20)).until(() -> lines.size() == 2);
      assertThat(run).as("the command waits for the go file").isNotDone();
      assertThat(lines).containsExactly("first", "crlf");
      Files.createFile(go);

      ExecResult result = run.get();
      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).as("stdout went to the listener only").isEmpty();
      assertThat(result.stderrTail()).isEqualTo("err\n");
      assertThat(lines).containsExactly("first", "crlf", "a".repeat(StdoutLines.MAX_LINE), "last");
    }
  }

  private static ExecResult exec(
      TargetShell shell, String command, java.util.function.Consumer<String> lines) {
    try {
      return shell.exec(command, COMMAND, false, lines);
    } catch (ScanFailure e) {
      throw new IllegalStateException(e);
    }
  }

  private static TargetShell open(String kind) throws ScanFailure {
    if (kind.equals("local")) {
      return new LocalTargetShell();
    }
    SshTarget target =
        new SshTarget(
            sshd.host(), sshd.port(), "root", new SshSecret.PrivateKey(sshd.userKey()), null);
    return new SshTargetShell(connector.open(target, ScanTestSupport.CONNECT));
  }
}
