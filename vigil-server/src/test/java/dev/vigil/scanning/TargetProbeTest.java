package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The preflight's reading of command output and its failure messages. The target is a test double
 * (scripted command outputs), because a host without {@code oscap} on its PATH cannot be made here.
 */
class TargetProbeTest {

  private static final String DF =
      "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
          + "/dev/sda1 1000 400 600 40% /\n";
  private static final String MEMINFO =
      "MemTotal:        2048 kB\nMemFree:          100 kB\nMemAvailable:    1024 kB\n";

  @Test
  void readsEveryFactAsRoot() throws ScanFailure {
    TargetProbe.Facts f = TargetProbe.check(target(Map.of()), "web-1", false);
    assertThat(f.os()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(f.oscapVersion()).isEqualTo("OpenSCAP command line tool (oscap) 1.3.7");
    assertThat(f.privilege()).isEqualTo("root");
    assertThat(f.diskTotal()).isEqualTo(1000 * 1024L);
    assertThat(f.diskFree()).isEqualTo(600 * 1024L);
    assertThat(f.memTotal()).isEqualTo(2048 * 1024L);
    assertThat(f.memFree()).isEqualTo(1024 * 1024L);
    assertThat(f.orThrow().error()).isNull();
  }

  @Test
  void missingOscapIsNamedWithTheServer() {
    TargetProbe.Commands noOscap = target(Map.of("oscap", new ExecResult(127, "", "")));
    assertThatThrownBy(() -> TargetProbe.check(noOscap, "web-1", false).orThrow())
        .isInstanceOf(ScanFailure.class)
        .hasMessage("oscap not installed on web-1")
        .extracting(e -> ((ScanFailure) e).reason())
        .isEqualTo(FailureReason.OSCAP_MISSING);
  }

  @Test
  void nonRootNeedsWorkingSudoInSudoMode() throws ScanFailure {
    ExecResult user = new ExecResult(0, "1000\n", "");
    TargetProbe.Commands withSudo = target(Map.of("id -u", user));
    assertThat(TargetProbe.check(withSudo, "db", true).privilege()).isEqualTo("sudo");
    assertThat(TargetProbe.check(withSudo, "db", false).error())
        .isEqualTo("needs root or passwordless sudo on db");
    TargetProbe.Commands noSudo =
        target(Map.of("id -u", user, "sudo -n true", new ExecResult(1, "", "a password")));
    TargetProbe.Facts f = TargetProbe.check(noSudo, "db", true);
    assertThat(f.reason()).isEqualTo(FailureReason.PRIVILEGE_MISSING);
    assertThat(f.privilege()).isNull();
  }

  @Test
  void workDirectoryWhereNoDirectoryCanBeMadeIsUnwritable() throws ScanFailure {
    TargetProbe.Commands readOnly =
        target(Map.of("vigil-probe.", new ExecResult(1, "", "Read-only file system")));
    TargetProbe.Facts f = TargetProbe.check(readOnly, "web-1", false, "/srv/scans");
    assertThat(f.reason()).isEqualTo(FailureReason.WORK_DIR_UNWRITABLE);
    assertThat(f.error())
        .isEqualTo("work directory /srv/scans on web-1 is missing or not writable by the user");
  }

  @Test
  void unreadableSizesAreZero() {
    assertThat(Probes.disk("garbage")).containsExactly(0, 0);
    assertThat(Probes.memory("MemTotal: 10 kB\nMemFree: 5 kB\n")).containsExactly(10240, 5120);
  }

  /** Answers each command by the first key it contains, else a healthy root Debian host. */
  private static TargetProbe.Commands target(Map<String, ExecResult> overrides) {
    return command -> {
      for (var e : overrides.entrySet()) {
        if (command.contains(e.getKey())) {
          return e.getValue();
        }
      }
      if (command.contains("vigil-probe.")) {
        return new ExecResult(0, "vigil-work-dir-writable\n", "");
      }
      if (command.contains("os-release")) {
        return new ExecResult(0, "Debian GNU/Linux 12 (bookworm)\n", "");
      }
      if (command.contains("oscap")) {
        return new ExecResult(0, "OpenSCAP command line tool (oscap) 1.3.7\nCopyright\n", "");
      }
      if (command.equals("id -u")) {
        return new ExecResult(0, "0\n", "");
      }
      if (command.startsWith("df")) {
        return new ExecResult(0, DF, "");
      }
      if (command.contains("meminfo")) {
        return new ExecResult(0, MEMINFO, "");
      }
      return new ExecResult(0, "", "");
    };
  }
}
