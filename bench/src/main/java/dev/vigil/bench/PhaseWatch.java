package dev.vigil.bench;

import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanPhase;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a scan's time goes: a daemon thread polls {@link ScanControl#phase()} every 0.5 ms and
 * notes when each phase was first seen; phases shorter than the poll interval may be missed (their
 * time then counts to the phase before).
 */
final class PhaseWatch implements AutoCloseable {
  private static final long POLL_NANOS = 500_000;

  private final ScanControl control;
  private final Map<ScanPhase, Long> seen = new EnumMap<>(ScanPhase.class);
  private final long start = System.nanoTime();
  private final Thread thread;
  private volatile boolean stop;
  private long end;

  PhaseWatch(ScanControl control) {
    this.control = control;
    thread = new Thread(this::poll, "phase-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    while (!stop) {
      ScanPhase phase = control.phase();
      long now = System.nanoTime();
      synchronized (seen) {
        seen.putIfAbsent(phase, now);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** Stops polling; the scan's end is now. */
  @Override
  public void close() throws InterruptedException {
    end = System.nanoTime();
    stop = true;
    thread.join();
  }

  /**
   * Nanoseconds per phase from CONNECTING (counted from the start of the watch) to CLEANING_UP
   * (counted to {@link #close()}); a phase not seen has no entry.
   */
  Map<ScanPhase, Long> durations() {
    Map<ScanPhase, Long> durations = new EnumMap<>(ScanPhase.class);
    synchronized (seen) {
      Long from = null;
      ScanPhase current = null;
      for (ScanPhase phase : ScanPhase.values()) {
        if (phase == ScanPhase.PENDING) {
          continue;
        }
        Long at = phase == ScanPhase.CONNECTING ? Long.valueOf(start) : seen.get(phase);
        if (at == null) {
          continue;
        }
        if (current != null) {
          durations.put(current, at - from);
        }
        current = phase == ScanPhase.FINISHED ? null : phase;
        from = at;
      }
      if (current != null) {
        durations.put(current, end - from);
      }
    }
    return durations;
  }
}
