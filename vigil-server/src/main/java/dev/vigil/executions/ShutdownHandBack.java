package dev.vigil.executions;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A stopping node lets its running scans finish or hands them back. When the application stops it
 * first takes no new scan, waits up to {@code vigil.executions.shutdown-grace} for the scans
 * running here, then stops the rest (killing oscap on the target, removing its run directory) and
 * queues their target runs again, so that another node scans them at once, or this one when it
 * starts again. Stopped before the scheduler (see {@code SchedulerConfig}), so the tasks are
 * rescheduled while it still runs.
 */
@Component
class ShutdownHandBack implements SmartLifecycle {

  /** Stops before the web server (its graceful shutdown) and well before the scheduler. */
  static final int PHASE = Integer.MAX_VALUE - 100;

  private static final Logger log = LoggerFactory.getLogger(ShutdownHandBack.class);
  private static final Duration HAND_BACK_WAIT = Duration.ofSeconds(30);

  private final RunningScans running;
  private final ExecutionSettings settings;
  private volatile boolean started;

  ShutdownHandBack(RunningScans running, ExecutionSettings settings) {
    this.running = running;
    this.settings = settings;
  }

  @Override
  public void start() {
    running.takeScansAgain();
    started = true;
  }

  @Override
  public void stop() {
    started = false;
    running.stopTakingScans();
    if (running.inFlight() == 0) {
      return;
    }
    log.info(
        "stopping: waiting up to {} for {} running scans",
        settings.shutdownGrace(),
        running.inFlight());
    if (waitFor(settings.shutdownGrace(), () -> running.inFlight() == 0)) {
      return;
    }
    int stopped = running.handBackAll();
    log.info("stopping: handing back {} target runs still scanning", stopped);
    if (!waitFor(HAND_BACK_WAIT, () -> running.inFlight() == 0)) {
      log.warn(
          "stopping: {} scans did not stop in {}; their runs are taken up as node lost",
          running.inFlight(),
          HAND_BACK_WAIT);
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private static boolean waitFor(Duration limit, BooleanSupplier done) {
    Instant until = Instant.now().plus(limit);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(until)) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return done.getAsBoolean();
      }
    }
    return true;
  }
}
