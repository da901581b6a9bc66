package dev.vigil.operations;

import dev.vigil.testsupport.PostgresCluster;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.TestDatabases;
import dev.vigil.testsupport.VigilProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again mid-execution: Vigil (a separate JVM) runs on a cluster of
 * this test's own (never the shared server), which is stopped while three scans run. Clients get
 * 503 in the Morpheus shape and health is DOWN; once the cluster is started again the same process
 * serves again (the pool re-validates its connections) and the execution completes with exactly one
 * whole scan per run. Root only (skipped with a message elsewhere, failed under CI=true).
 */
class PostgresRestartSystemTest {

  @TempDir static Path dir;
  private static Path bin;

  @BeforeAll
  static void require() {
    DatabaseFaultFlow.requireRoot("the PostgreSQL restart test");
    bin = PostgresCluster.binaries();
    if (bin == null) {
      String why = "no PostgreSQL binaries under /usr/lib/postgresql/*/bin";
      if (TestDatabases.ci()) {
        Assertions.fail(why + "; under CI=true this test must run");
      }
      Assumptions.abort(why + "; skipping");
    }
    ScanFixtures.requireScanning();
  }

  @Test
  void stoppedPostgresAnswers503AndHealthDownThenServesAgainWithoutRestartAndTheExecutionCompletes()
      throws Exception {
    Path content = Files.createDirectories(dir.resolve("content"));
    try (PostgresCluster pg = PostgresCluster.start(bin)) {
      pg.createDatabase("vigil");
      List<String> args = new ArrayList<>(DatabaseFaultFlow.args(content));
      args.add("--vigil.data-dir=" + dir.resolve("data"));
      args.add("--spring.profiles.active=postgres");
      args.add("--spring.datasource.url=" + pg.url("vigil"));
      args.add("--spring.datasource.username=postgres");
      try (VigilProcess vigil = VigilProcess.start(args, dir.resolve("vigil.log"))) {
        DatabaseFaultFlow flow = new DatabaseFaultFlow(vigil);
        long execution = flow.startSlowExecution(content);
        long pid = vigil.pid();
        flow.awaitScanning(execution);

        pg.stop();
        flow.assertUnavailable(execution);
        // the scans end while PostgreSQL is down: their results cannot be recorded now
        Thread.sleep(12_000);
        flow.assertUnavailable(execution);

        pg.startAgain();
        flow.awaitServing(execution, pid);
        flow.assertCompletesWithOneWholeScanPerRun(execution);
      }
    }
  }
}
