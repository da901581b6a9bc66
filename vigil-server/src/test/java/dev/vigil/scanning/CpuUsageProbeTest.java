package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CPU usage the connection test reads from {@code cat /proc/loadavg; nproc}. */
class CpuUsageProbeTest {

  @Test
  void isTheOneMinuteLoadPerCpuInPercent() {
    assertThat(Probes.cpuUsage("0.50 0.40 0.30 1/123 4567\n4\n")).isEqualTo(12.5);
    assertThat(Probes.cpuUsage("0.00 0.00 0.00 1/99 1\n2\n")).isEqualTo(0.0);
  }

  @Test
  void isAtMostAHundredWhenTheHostIsOverloaded() {
    assertThat(Probes.cpuUsage("9.00 1.00 1.00 3/200 99\n2\n")).isEqualTo(100.0);
  }

  @Test
  void isUnknownWhenTheOutputIsUnreadable() {
    assertThat(Probes.cpuUsage("")).isNull();
    assertThat(Probes.cpuUsage("garbage\n")).isNull();
    assertThat(Probes.cpuUsage("0.5 0.4 0.3 1/2 3\nzero\n")).isNull();
    assertThat(Probes.cpuUsage("0.5 0.4 0.3 1/2 3\n0\n")).isNull();
  }

  @Test
  void aRealLocalReadingIsBetweenZeroAndAHundred() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "cat /proc/loadavg; nproc").start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    assertThat(Probes.cpuUsage(out)).isBetween(0.0, 100.0);
  }
}
