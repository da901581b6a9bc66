package dev.vigil.executions;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes, every {@code vigil.executions.progress-interval}, the state (connecting, scanning,
 * collecting) and rule count of each scan running on this node that moved since it was last
 * written, so every node's pages and API show where a scan is; and every {@code
 * vigil.executions.cancel-poll-interval} lets {@link CancelWatch} stop the scans of executions
 * cancelled on any node.
 */
@Component
class ProgressReporter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

  private final RunningScans running;
  private final TargetRunRecorder recorder;
  private final ExecutionSettings settings;
  private final CancelWatch cancels;
  private ScheduledExecutorService timer;

  ProgressReporter(
      RunningScans running,
      TargetRunRecorder recorder,
      ExecutionSettings settings,
      CancelWatch cancels) {
    this.running = running;
    this.recorder = recorder;
    this.settings = settings;
    this.cancels = cancels;
  }

  /** Writes the progress of every running scan that moved; returns how many were written. */
  int report() {
    int written = 0;
    for (RunningScans.Running r : running.all()) {
      TargetRun last = r.written;
      TargetRunStatus now = RunningScans.statusOf(r.control.phase());
      Integer evaluated = now == TargetRunStatus.CONNECTING ? null : r.control.rulesEvaluated();
      if (now.ordinal() < last.status().ordinal()
          || (now == last.status() && java.util.Objects.equals(evaluated, last.rulesEvaluated()))) {
        continue;
      }
      TargetRun moved = last.advance(now, evaluated);
      if (recorder.progress(moved)) {
        r.written = moved;
        written++;
      }
    }
    return written;
  }

  @Override
  public synchronized void start() {
    long ms = settings.progressInterval().toMillis();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "vigil-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::safeReport, ms, ms, TimeUnit.MILLISECONDS);
    long poll = settings.cancelPollInterval().toMillis();
    timer.scheduleWithFixedDelay(this::safeCancelCheck, poll, poll, TimeUnit.MILLISECONDS);
  }

  private void safeReport() {
    try {
      report();
    } catch (RuntimeException e) {
      log.warn("cannot write scan progress: {}", e.getMessage());
    }
  }

  private void safeCancelCheck() {
    try {
      cancels.check();
    } catch (RuntimeException e) {
      log.warn("cannot check for cancelled executions: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
