package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.VigilProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full under H2, mid-execution: Vigil runs as a separate JVM in a private mount namespace
 * whose data directory is a 64 MB tmpfs (nobody else sees it); the test fills that tmpfs through
 * {@code /proc/<pid>/root} while three scans run. Clients get 503 in the Morpheus shape and health
 * is DOWN; once the filler is deleted the same process serves again and the execution completes
 * with exactly one whole scan per run. Root only (skipped with a message elsewhere, failed under
 * CI=true).
 */
class H2DiskFullSystemTest {

  @TempDir static Path dir;

  @BeforeAll
  static void require() {
    DatabaseFaultFlow.requireRoot("the disk-full test");
    ScanFixtures.requireScanning();
  }

  @Test
  void diskFullAnswers503AndHealthDownThenServesAgainWithoutRestartAndTheExecutionCompletes()
      throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path content = Files.createDirectories(dir.resolve("content"));
    List<String> privateTmpfs =
        List.of(
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64m vigil-dbfault '" + data + "' && exec \"$@\"",
            "sh");
    List<String> args = new ArrayList<>(DatabaseFaultFlow.args(content));
    args.add("--vigil.data-dir=" + data);
    try (VigilProcess vigil =
        VigilProcess.startWrapped(privateTmpfs, args, dir.resolve("vigil.log"))) {
      DatabaseFaultFlow flow = new DatabaseFaultFlow(vigil);
      long execution = flow.startSlowExecution(content);
      long pid = vigil.pid();
      Path seen = Path.of("/proc/" + pid + "/root").resolve(data.toString().substring(1));
      assertThat(Files.list(data)).as("the tmpfs is private to Vigil's namespace").isEmpty();
      flow.awaitScanning(execution);

      Path filler = seen.resolve("filler");
      long filled = fill(filler);
      assertThat(filled).as("bytes written until the tmpfs was full").isPositive();
      flow.assertUnavailable(execution);
      // the scans end while the disk is full: their results cannot be recorded now
      Thread.sleep(12_000);
      flow.assertUnavailable(execution);

      Files.delete(filler);
      flow.awaitServing(execution, pid);
      flow.assertCompletesWithOneWholeScanPerRun(execution);
    }
  }

  /** Writes {@code file} until the file system is full; returns the bytes written. */
  private static long fill(Path file) throws IOException {
    byte[] chunk = new byte[1 << 20];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(chunk);
        written += chunk.length;
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
    }
    return written;
  }
}
