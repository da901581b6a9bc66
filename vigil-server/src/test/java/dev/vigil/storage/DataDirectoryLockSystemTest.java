package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.VigilProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second Vigil on a data directory whose H2 database another Vigil has open exits at once with
 * status 1 and one line naming the directory and the process holding the lock (from /proc/locks),
 * with no stack trace; the first keeps serving.
 */
class DataDirectoryLockSystemTest {

  private static final String PASSWORD = "data-lock-pw";

  @TempDir Path dir;

  @Test
  void secondVigilOnALockedDataDirectoryExitsWithOneLineNamingItAndTheHolder() throws Exception {
    Path data = dir.resolve("data");
    List<String> args =
        List.of(
            "--vigil.data-dir=" + data,
            "--vigil.access.admin-password=" + PASSWORD,
            "--vigil.scheduler.polling-interval=500ms");
    try (VigilProcess first = VigilProcess.start(args, dir.resolve("first.log"))) {
      first.awaitLogin("admin", PASSWORD, 180);
      Path secondLog = dir.resolve("second.log");
      try (VigilProcess second = VigilProcess.start(args, secondLog)) {
        assertThat(second.awaitExit(120)).hasValue(1);
      }
      List<String> lines = Files.readAllLines(secondLog);
      String expected =
          "Vigil cannot start: its data directory "
              + data.toAbsolutePath().normalize()
              + " is in use by process "
              + first.pid()
              + " (java) (the database file vigil.mv.db is locked); stop that process or start"
              + " with another vigil.data-dir";
      assertThat(lines).contains(expected);
      assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
      assertThat(first.awaitLogin("admin", PASSWORD, 30)).isNotNull();
    }
  }
}
