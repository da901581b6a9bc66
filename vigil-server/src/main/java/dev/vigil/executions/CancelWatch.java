package dev.vigil.executions;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes a cancel recorded on any node reach the scans running on this one: one query for the
 * executions of this node's running scans, and the scans of those cancelled are killed (oscap's
 * process group on the target, then the run directory removed), each ending cancelled. {@link
 * ProgressReporter} calls it every {@code vigil.executions.cancel-poll-interval}.
 */
@Component
class CancelWatch {

  private static final Logger log = LoggerFactory.getLogger(CancelWatch.class);

  private final RunningScans running;
  private final ExecutionRepository repo;

  CancelWatch(RunningScans running, ExecutionRepository repo) {
    this.running = running;
    this.repo = repo;
  }

  /** Stops this node's scans of cancelled executions; returns how many were stopped now. */
  int check() {
    Map<Long, List<Long>> here = running.byExecution();
    if (here.isEmpty()) {
      return 0;
    }
    int stopped = 0;
    for (long execution : repo.cancelledAmong(here.keySet())) {
      List<Long> runs = here.get(execution);
      int now = running.cancel(runs);
      if (now > 0) {
        log.info(
            "execution {} was cancelled: stopped {} of its scans on this node", execution, now);
      }
      stopped += now;
    }
    return stopped;
  }
}
