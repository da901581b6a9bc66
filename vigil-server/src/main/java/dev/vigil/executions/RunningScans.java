package dev.vigil.executions;

import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanPhase;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The target runs this node is scanning now, each with its scan control (so a cancel can kill it)
 * and the attempt and state last written for it (so its progress is written only when it moved).
 */
@Component
class RunningScans {

  /** One running attempt of a target run on this node. */
  static final class Running {
    final ScanControl control = new ScanControl();
    volatile TargetRun written;

    /** Stopped by this node's shutdown, to be scanned again: not a user's cancel. */
    volatile boolean handedBack;

    /** Cancelled by a user: wins over a hand-back. */
    volatile boolean cancelledByUser;

    Running(TargetRun run) {
      this.written = run;
    }
  }

  private final Map<Long, Running> runs = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean stopping;
  private volatile boolean handingBack;

  /** A task of this node begins to claim and scan a run; pair with {@link #leave}. */
  void enter() {
    inFlight.incrementAndGet();
  }

  void leave() {
    inFlight.decrementAndGet();
  }

  /** Tasks of this node between their claim and their end, registered or not yet. */
  int inFlight() {
    return inFlight.get();
  }

  /** From now on this node starts no scan: it is shutting down. */
  void stopTakingScans() {
    stopping = true;
  }

  /**
   * Takes scans again after a stop: the context's lifecycle started again (Spring's test framework
   * pauses and restarts cached contexts; a stopped node is otherwise a new process).
   */
  void takeScansAgain() {
    stopping = false;
    handingBack = false;
  }

  boolean stopping() {
    return stopping;
  }

  /**
   * Stops every scan still running here and marks its run to be handed back; a scan registered from
   * now on is stopped and handed back at once. How many were running.
   */
  int handBackAll() {
    handingBack = true;
    List<Running> left = all();
    left.forEach(
        r -> {
          r.handedBack = true;
          r.control.cancel();
        });
    return left.size();
  }

  /** Whether the run's scan was stopped by this node's shutdown (and not by a user). */
  boolean handedBack(long runId) {
    Running r = runs.get(runId);
    return r != null && r.handedBack && !r.cancelledByUser;
  }

  /** A new control for the run's attempt, registered until {@link #remove}. */
  ScanControl register(TargetRun run) {
    Running r = new Running(run);
    runs.put(run.id(), r);
    if (handingBack) {
      r.handedBack = true;
      r.control.cancel();
    }
    return r.control;
  }

  void remove(long runId) {
    runs.remove(runId);
  }

  /** Whether the run is scanning on this node now. */
  boolean isRunningHere(long runId) {
    return runs.containsKey(runId);
  }

  /** The runs scanning on this node now. */
  List<Running> all() {
    return List.copyOf(runs.values());
  }

  /** The step the run's scan is in, e.g. {@code uploading}; empty when it does not run here. */
  Optional<String> step(long runId) {
    return Optional.ofNullable(runs.get(runId))
        .map(r -> r.control.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }

  /**
   * Cancels the scans of those runs that run on this node (each is killed once); returns how many
   * were not cancelled before.
   */
  int cancel(Collection<Long> runIds) {
    int n = 0;
    for (long id : runIds) {
      Running r = runs.get(id);
      if (r == null) {
        continue;
      }
      r.cancelledByUser = true;
      if (!r.control.cancelled()) {
        r.control.cancel();
        n++;
      }
    }
    return n;
  }

  /** The ids of the runs scanning on this node, by execution. */
  Map<Long, List<Long>> byExecution() {
    return runs.values().stream()
        .map(r -> r.written)
        .collect(
            Collectors.groupingBy(
                TargetRun::executionId, Collectors.mapping(TargetRun::id, Collectors.toList())));
  }

  /** The target run state a scan phase shows as. */
  static TargetRunStatus statusOf(ScanPhase phase) {
    return switch (phase) {
      case PENDING, CONNECTING, PREFLIGHT, UPLOADING -> TargetRunStatus.CONNECTING;
      case SCANNING -> TargetRunStatus.SCANNING;
      case COLLECTING, CLEANING_UP, FINISHED -> TargetRunStatus.COLLECTING;
    };
  }
}
